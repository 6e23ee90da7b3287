/**
 * Qube on Hazelcast: a distributed build of listings (a Jet union-reduce) and named qubes served
 * from a distributed map, on an embedded member by default or on an existing cluster.
 */
module dev.qube.hazelcast {
    requires transitive dev.qube.api;
    requires transitive com.hazelcast.core;

    exports dev.qube.hazelcast;

    // to find the jars of the installed backends and codecs, attached to jobs sent to a cluster
    uses dev.qube.spi.ArenaProvider;
    uses dev.qube.spi.ValueCodec;

    // Hazelcast instantiates the serializers and reads the entry processors reflectively
    opens dev.qube.hazelcast.internal to com.hazelcast.core;
}
