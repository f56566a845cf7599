package io.trailhawk.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.job.sink.AlertRoute;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Alert routes from configuration: what each takes, and the startup error for one that makes no sense. */
class AlertRoutesTest {
    private static JobConfig config(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("kafka.bootstrap-servers", "k:9092", "source.kafka.topics", "e"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return JobConfig.of(m, false);
    }

    private static Alert alert(String rule, String priority, String tags, String account) throws Exception {
        String yaml = "- rule: " + rule + "\n  desc: d\n  condition: ct.name = X\n  output: o\n  priority: " + priority
                + "\n  tags: [" + tags + "]\n";
        CloudTrailEvent e = CloudTrailEvent.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"eventName\":\"X\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"recipientAccountId\":\"" + account
                        + "\"}"), 1);
        return RuleCompiler.builder().build().compile(List.of(RulesFile.of("r.yaml", yaml))).evaluate(e).get(0);
    }

    @Test
    void topicAlertsTakesEveryAlert_andEachRouteItsOwn_byPriorityTagRuleAndAccount() throws Exception {
        List<AlertRoute> routes = AlertRoutes.of(config("alerts.format", "ecs", "alerts.routes", "pager,hub",
                "alerts.route.pager.topic", "pager", "alerts.route.pager.min-priority", "error",
                "alerts.route.hub.topic", "hub", "alerts.route.hub.format", "asff",
                "alerts.route.hub.tags", "persistence, exfil", "alerts.route.hub.accounts", "111122223333",
                "alerts.route.hub.rules", "A, with a comma;B"));
        assertThat(routes).extracting(AlertRoute::name).containsExactly("default", "pager", "hub");
        assertThat(routes).extracting(AlertRoute::format).containsExactly("ecs", "falco", "asff");
        Alert critical = alert("A, with a comma", "CRITICAL", "persistence", "111122223333");
        Alert notice = alert("B", "NOTICE", "exfil", "999988887777");
        assertThat(routes.stream().filter(r -> r.takes(critical)).map(AlertRoute::name).collect(Collectors.toList()))
                .containsExactly("default", "pager", "hub");
        assertThat(routes.stream().filter(r -> r.takes(notice)).map(AlertRoute::name).collect(Collectors.toList()))
                .containsExactly("default");
    }

    @Test
    void anAlertWithoutAnAccount_passesNoAccountFilter_andBreaksNothing() throws Exception {
        List<AlertRoute> routes = AlertRoutes.of(config("alerts.routes", "prod", "alerts.route.prod.topic", "p",
                "alerts.route.prod.accounts", "111122223333"));
        String yaml = "- rule: R\n  desc: d\n  condition: ct.name = X\n  output: o\n  priority: ERROR\n";
        Alert none = RuleCompiler.builder().build().compile(List.of(RulesFile.of("r.yaml", yaml))).evaluate(
                CloudTrailEvent.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        "{\"eventName\":\"X\",\"eventTime\":\"2024-01-01T00:00:00Z\"}"), 1)).get(0);
        assertThat(none.accountId()).isNull();
        assertThat(routes.get(0).takes(none)).isTrue();
        assertThat(routes.get(1).takes(none)).isFalse();
    }

    @Test
    void aRouteListedTwice_orOnATopicTheJobUsesAlready_isAStartupError() {
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem,siem", "alerts.route.siem.topic", "t")))
                .hasMessageContaining("route 'siem' is listed twice");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem", "alerts.route.siem.topic",
                "trailhawk-alerts"))).hasMessageStartingWith("alerts.route.siem.topic: trailhawk-alerts is already");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "a,b", "alerts.route.a.topic", "t",
                "alerts.route.b.topic", "t"))).hasMessageStartingWith("alerts.route.b.topic: t is already");
    }

    @Test
    void aRouteThatMakesNoSense_isAStartupErrorNamingTheKey() {
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.format", "cef"))).hasMessageStartingWith(
                "alerts.format: unknown alert format 'cef' (known: falco, ocsf, asff, ecs)");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem"))).hasMessage(
                "alerts.route.siem.topic: every route needs a topic");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem", "alerts.route.siem.topic", "t",
                "alerts.route.siem.format", "splunk"))).hasMessageStartingWith("alerts.route.siem.format: unknown");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem", "alerts.route.siem.topic", "t",
                "alerts.route.siem.min-priority", "urgent"))).hasMessageStartingWith(
                "alerts.route.siem.min-priority: 'urgent' is not a priority");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.route.other.topic", "t"))).hasMessage(
                "alerts.route.other.topic: route 'other' is not in alerts.routes");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem", "alerts.route.siem.topic", "t",
                "alerts.route.siem.colour", "red"))).hasMessageStartingWith("alerts.route.siem.colour: a route takes");
        assertThatThrownBy(() -> AlertRoutes.of(config("alerts.routes", "siem", "alerts.route.siem.topic", "t",
                "alerts.route.siem.accounts", "prod"))).hasMessageContaining("'prod' is not an AWS account id");
        List<AlertRoute> tagged = AlertRoutes.of(config("alerts.routes", "siem", "alerts.route.siem.topic", "t",
                "alerts.route.siem.tags", "persistance"));
        assertThatThrownBy(() -> AlertRoutes.checkTags(tagged, Set.of("persistence"))).hasMessage(
                "alerts.route.siem.tags: no rule has the tag 'persistance'");
    }
}
