package io.trailhawk.job.detect;

import io.trailhawk.formats.AlertContext;
import io.trailhawk.formats.AlertFormat;
import io.trailhawk.formats.AlertFormats;
import io.trailhawk.formats.AlertId;
import io.trailhawk.formats.FormatSettings;
import io.trailhawk.job.sink.AlertRoute;
import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.AlertJson;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes each alert once for every route that takes it, in the route's format, with its stable id and ruleset
 * version for the record's headers; and an alert of a rule in shadow once, as Falco JSON marked for the shadow
 * topic. Both detect operators write through it, so live and stateful alerts are routed alike.
 */
public final class AlertWriter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<AlertRoute> routes;
    private final String productArn;
    private final String generatorId;
    private transient AlertFormat[] formats;
    private transient AlertJson shadowJson;
    private transient long failures;
    private transient long unlistedAccounts;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertWriter.class);

    /** {@code routes}: the route of {@code topic.alerts} first, whose records name no topic of their own. */
    public AlertWriter(List<AlertRoute> routes, String productArn, String generatorId) {
        this.routes = List.copyOf(routes);
        this.productArn = productArn;
        this.generatorId = generatorId;
    }

    /** Every alert, as Falco JSON, to {@code topic.alerts} alone: the job with no routes configured. */
    static AlertWriter falcoJsonOnly() {
        return new AlertWriter(List.of(AlertRoute.everything(null, AlertFormats.FALCO)),
                FormatSettings.DEFAULT_PRODUCT_ARN, FormatSettings.DEFAULT_GENERATOR_ID);
    }

    /** Whether any route writes a format that needs the events' facts, so that the rules must keep them. */
    public static boolean needsEventFacts(List<AlertRoute> routes) {
        return routes.stream().anyMatch(r -> AlertFormats.needsEventFacts(r.format()));
    }

    void open(String host) {
        FormatSettings settings = FormatSettings.of(host).withAsff(productArn, generatorId);
        formats = new AlertFormat[routes.size()];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = AlertFormats.named(routes.get(i).format(), settings);
        }
        shadowJson = new AlertJson(host);
    }

    /** How many alerts a route's format could not write, since this writer opened. */
    long failures() {
        return failures;
    }

    /** How many alerts came from accounts no account table lists, while some table lists any. */
    long unlistedAccounts() {
        return unlistedAccounts;
    }

    /** Returns how many records it wrote. */
    int write(Alert a, long rulesetVersion, AccountTable accounts, Consumer<AlertRecord> out) {
        if (accounts.size() > 0 && !accounts.knows(a.accountId())) {
            unlistedAccounts++;
        }
        String id = null;
        AlertContext context = null;
        int written = 0;
        for (int i = 0; i < formats.length; i++) {
            AlertRoute r = routes.get(i);
            if (!r.takes(a)) {
                continue;
            }
            if (id == null) {
                id = AlertId.of(a);
                context = AlertContext.of(rulesetVersion, accounts.get(a.accountId()), id);
            }
            byte[] rendered;
            try {
                rendered = formats[i].render(a, context);
            } catch (RuntimeException e) {
                // One route's format must not cost the others their alert, nor the job a restart into the same one.
                LOG.error("route {} could not write an alert of rule '{}' as {}; the other routes have it",
                        r.name(), a.rule(), r.format(), e);
                failures++;
                continue;
            }
            out.accept(AlertRecord.of(a, rendered, i == 0 ? null : r.topic(), id, rulesetVersion));
            written++;
        }
        return written;
    }

    void writeShadow(Alert a, long rulesetVersion, Consumer<AlertRecord> out) {
        out.accept(AlertRecord.of(a, shadowJson.renderUtf8(a, rulesetVersion, true), null, AlertId.of(a),
                rulesetVersion));
    }
}
