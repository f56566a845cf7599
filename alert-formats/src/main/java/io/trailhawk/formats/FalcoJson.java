package io.trailhawk.formats;

import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.AlertJson;

/** Falco's JSON, as falcosidekick reads it: the default, byte for byte what {@link AlertJson} writes. */
final class FalcoJson implements AlertFormat {
    private final AlertJson json;

    FalcoJson(String hostname) {
        this.json = new AlertJson(hostname);
    }

    @Override
    public String name() {
        return AlertFormats.FALCO;
    }

    @Override
    public byte[] render(Alert alert, AlertContext context) {
        return json.renderUtf8(alert, context.rulesetVersion());
    }
}
