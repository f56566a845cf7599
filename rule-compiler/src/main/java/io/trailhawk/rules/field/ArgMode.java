package io.trailhawk.rules.field;

/** Whether a field takes a {@code [argument]}. */
enum ArgMode {
    NONE,
    /** An optional numeric index, as in {@code ec2.imageids[0]}. */
    OPTIONAL_INDEX,
    /** A required key, as in {@code json.value[/userIdentity/arn]}. */
    REQUIRED_KEY
}
