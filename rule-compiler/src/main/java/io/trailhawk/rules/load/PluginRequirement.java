package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.Collections;
import java.util.List;

/** One {@code required_plugin_versions} entry: any one of its alternatives must be available. */
final class PluginRequirement {
    final SourceLocation location;
    final List<String[]> alternatives;

    PluginRequirement(SourceLocation location, List<String[]> alternatives) {
        this.location = location;
        this.alternatives = Collections.unmodifiableList(alternatives);
    }
}
