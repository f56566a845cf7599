package io.trailhawk.rules.load;

/** {@code MAJOR.MINOR.PATCH} as rules files write engine and plugin versions. */
final class Semver implements Comparable<Semver> {
    final int major;
    final int minor;
    final int patch;

    private Semver(int major, int minor, int patch) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    static Semver of(int major, int minor, int patch) {
        return new Semver(major, minor, patch);
    }

    /** Parses {@code x.y.z} (a pre-release or build suffix is ignored). Returns null when it is not semver. */
    static Semver parse(String s) {
        if (s == null) {
            return null;
        }
        String core = s.trim().split("[-+]", 2)[0];
        String[] p = core.split("\\.", -1);
        if (p.length != 3) {
            return null;
        }
        try {
            return new Semver(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Same major version, and at least as new. */
    boolean satisfies(Semver required) {
        return major == required.major && compareTo(required) >= 0;
    }

    @Override
    public int compareTo(Semver o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
