package io.trailhawk.job.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A Kafka broker and a Flink MiniCluster for one test class, started before its tests and stopped after them. */
public final class BrokerAndCluster implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;
    private JobRunner flink;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start();
        flink = JobRunner.start(4);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public JobRunner flink() {
        return flink;
    }
}
