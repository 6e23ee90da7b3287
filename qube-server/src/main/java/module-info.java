/** {@code qube serve}: catalogues over HTTP (Helidon SE WebServer), a JSON API and a web page. */
module dev.qube.server {
    requires dev.qube.api;
    requires dev.qube.arena.offheap;
    requires io.helidon.webserver;
    requires com.fasterxml.jackson.core;
    requires info.picocli;
    requires java.logging;

    exports dev.qube.server;
    opens dev.qube.server to info.picocli;
}
