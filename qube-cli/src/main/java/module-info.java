/** The {@code qube} command (picocli): read, show, count, convert, combine and select qubes. */
module dev.qube.cli {
    requires dev.qube.api;
    requires info.picocli;
    requires dev.qube.hazelcast;
    requires dev.qube.server;

    // picocli reads the command classes' annotations and fields reflectively
    opens dev.qube.cli to info.picocli;
}
