package dev.qube.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.collection.IList;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.crdt.pncounter.PNCounter;
import com.hazelcast.map.IMap;
import dev.qube.Qube;
import dev.qube.QubeFormat;
import dev.qube.QubeFormatException;
import dev.qube.SelectMode;
import dev.qube.hazelcast.internal.BuildJob;
import dev.qube.hazelcast.internal.Images;
import dev.qube.hazelcast.internal.ListingPieces;
import dev.qube.hazelcast.internal.Ops;
import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Qubes on a Hazelcast cluster: a distributed build of listing files and named qubes served where
 * they live.
 *
 * <p>{@link #open()} starts an embedded member (shut down by {@link #close()}) unless the system
 * property or environment variable {@code qube.cluster} / {@code QUBE_CLUSTER} names a cluster
 * ({@code host:port} or {@code cluster-name@host:port}), in which case it connects as a client:
 * pointing a program at a cluster is that one setting.
 *
 * <pre>{@code
 * try (QubeCluster cluster = QubeCluster.open()) {
 *     Qube q = cluster.build(List.of(Path.of("fdb_list.gz")));
 *     cluster.store("climate-dt", q);
 *     BigInteger n = cluster.count("climate-dt");          // runs on the member holding it
 * }
 * }</pre>
 *
 * <p>Builds: each listing is cut into pieces of about {@link #pieceLines()} lines that each parse
 * to a small qube; each member reads its share (an uncompressed listing is split by bytes, so a
 * member reads only its part; a gzip one is decompressed by every member, which parses only its
 * pieces), unions its qubes, and one member unions the members' partial results. The files must be
 * readable at the same path on every member. Qubes cross the network as their {@code binary} image (a serializer
 * registered with the job). A client attaches the qube jars to its build jobs, so a cluster that
 * accepts them ({@code resource-upload-enabled}) needs nothing installed; one that does not is sent
 * the job without them and needs the qube jars on its members' class path, as serving always does.
 * Results are exactly those of a local build: the same identifiers, the same canonical tree.
 */
public final class QubeCluster implements AutoCloseable {

    /** The distributed map holding named qubes as binary images. */
    public static final String CATALOGUES = "qube.catalogues";

    /** Default lines a piece of a listing. */
    public static final int DEFAULT_PIECE_LINES = 20_000;

    private final HazelcastInstance hz;
    private final List<HazelcastInstance> owned;
    private final boolean client;
    private int pieceLines = DEFAULT_PIECE_LINES;
    private int readersPerMember = 1;

    private QubeCluster(HazelcastInstance hz, List<HazelcastInstance> owned, boolean client) {
        this.hz = hz;
        this.owned = owned;
        this.client = client;
    }

    /** An embedded member, or a client of the cluster named by {@code qube.cluster}/{@code QUBE_CLUSTER}. */
    public static QubeCluster open() {
        String address = System.getProperty("qube.cluster", System.getenv("QUBE_CLUSTER"));
        return address == null || address.isBlank() ? embedded(1) : connect(address);
    }

    /**
     * {@code members} embedded members in this JVM, forming a private cluster on the loopback
     * interface; all are shut down on {@link #close()}. (One member never serializes; two exercise
     * the serializers and the network path as a real cluster would.)
     */
    public static QubeCluster embedded(int members) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, not " + members);
        }
        String name = "qube-" + UUID.randomUUID();
        List<HazelcastInstance> started = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                started.add(Hazelcast.newHazelcastInstance(memberConfig(name)));
            }
        } catch (RuntimeException e) {
            started.forEach(HazelcastInstance::shutdown);
            throw new QubeBuildException("cannot start an embedded Hazelcast member: " + e.getMessage(), e);
        }
        return new QubeCluster(started.getFirst(), List.copyOf(started), false);
    }

    /** The configuration of an embedded member: Jet on, a private cluster on 127.0.0.1, quiet. */
    public static Config memberConfig(String clusterName) {
        Config c = new Config();
        c.setClusterName(clusterName);
        quiet(c.getProperties());
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.getJetConfig().setEnabled(true);
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(5701).setPortAutoIncrement(true).setPortCount(200);
        net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        return c;
    }

    private static void quiet(java.util.Properties p) {
        p.setProperty("hazelcast.phone.home.enabled", "false");
        p.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type", "none"));
        p.setProperty("hazelcast.shutdownhook.enabled", "false");
    }

    /**
     * A client of an existing cluster at {@code address}: {@code host:port}, or
     * {@code cluster-name@host:port} (the cluster name defaults to Hazelcast's {@code dev}).
     */
    public static QubeCluster connect(String address) {
        Objects.requireNonNull(address, "address");
        String name = "dev";
        String at = address.strip();
        int i = at.indexOf('@');
        if (i >= 0) {
            name = at.substring(0, i);
            at = at.substring(i + 1);
        }
        ClientConfig cc = new ClientConfig();
        cc.setClusterName(name);
        quiet(cc.getProperties());
        cc.getNetworkConfig().addAddress(at);
        cc.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(10_000);
        try {
            HazelcastInstance c = HazelcastClient.newHazelcastClient(cc);
            return new QubeCluster(c, List.of(c), true);
        } catch (RuntimeException e) {
            throw new QubeBuildException("cannot connect to the Hazelcast cluster '" + name + "' at " + at + ": "
                    + e.getMessage(), e);
        }
    }

    /** Uses an instance the caller owns (member or client); {@link #close()} leaves it running. */
    public static QubeCluster of(HazelcastInstance instance) {
        boolean isClient = instance.getClass().getName().contains("client");
        return new QubeCluster(Objects.requireNonNull(instance, "instance"), List.of(), isClient);
    }

    /** The Hazelcast instance this works through. */
    public HazelcastInstance instance() {
        return hz;
    }

    /** Members in the cluster now. */
    public int members() {
        return hz.getCluster().getMembers().size();
    }

    /** Lines a piece of a listing (about: pieces are cut where the format allows). */
    public int pieceLines() {
        return pieceLines;
    }

    /** Sets the lines a piece of a listing; returns this. */
    public QubeCluster pieceLines(int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines a piece must be at least 1, not " + lines);
        }
        this.pieceLines = lines;
        return this;
    }

    /** Sets how many readers (threads) each member runs in a build (default 1); returns this. */
    public QubeCluster readersPerMember(int readers) {
        if (readers < 1) {
            throw new IllegalArgumentException("readers per member must be at least 1, not " + readers);
        }
        this.readersPerMember = readers;
        return this;
    }

    /** {@link #build(Collection, QubeFormat, boolean, LongConsumer)} detecting each file's format, lenient. */
    public Qube build(Collection<Path> files) {
        return build(files, null, false, n -> { });
    }

    /**
     * Builds the union of the qubes of {@code files} on the cluster: every readable format (gzip
     * or not); line-based listings are cut into pieces, other formats are read whole by one member.
     *
     * @param format the format of every file, or null to detect each from its content
     * @param strict lines a listing reader would skip are errors
     * @param progress called now and then, from another thread, with the bytes of the files (as
     *                 stored, so compressed for gzip) read so far
     * @return the canonical result on the default backend, equal to a local build
     * @throws QubeBuildException when a file is missing, unreadable or malformed, or the job fails
     *         (a member lost and the job not recoverable); never a partial result
     */
    public Qube build(Collection<Path> files, QubeFormat format, boolean strict, LongConsumer progress) {
        return build(files, format, strict, progress, w -> System.getLogger(QubeCluster.class.getName())
                .log(System.Logger.Level.WARNING, w));
    }

    /**
     * {@link #build(Collection, QubeFormat, boolean, LongConsumer)} giving the warnings a local read
     * of the files gives ({@code FILE: skipped N lines that are not identifiers (the first at line K)},
     * one per file, with the lines of every member's pieces counted together) to {@code warnings},
     * on the calling thread, once the build has succeeded. The four-argument form logs them on the
     * {@code System.Logger} of this class.
     */
    public Qube build(Collection<Path> files, QubeFormat format, boolean strict, LongConsumer progress,
                      java.util.function.Consumer<String> warnings) {
        List<String> paths = new ArrayList<>();
        java.util.Map<String, String> given = new java.util.HashMap<>(); // absolute path -> as the caller named it
        for (Path f : files) {
            given.putIfAbsent(f.toAbsolutePath().toString(), f.toString());
            if (!client && !Files.isReadable(f)) {
                throw new QubeBuildException("cannot read " + f + ": " + (Files.exists(f) ? "permission denied"
                        : "no such file"), null);
            }
            paths.add(f.toAbsolutePath().toString());
        }
        if (format != null && !format.canRead()) {
            throw new IllegalArgumentException("the " + format.id() + " format can be written but not read");
        }
        String result = "qube.build." + UUID.randomUUID();
        IList<byte[]> out = hz.getList(result);
        PNCounter read = hz.getPNCounter(result + ".bytes");
        IList<String> skipped = hz.getList(result + ".warnings");
        Thread poller = Thread.ofPlatform().daemon().name("qube-build-progress").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(200);
                    progress.accept(read.get());
                }
            } catch (InterruptedException | RuntimeException e) {
                // the build is over (or the cluster gone): no more progress
            }
        });
        try {
            List<URL> jars = client ? jars() : List.of();
            try {
                BuildJob.run(hz, paths, format == null ? null : format.id(), pieceLines, strict, readersPerMember,
                        result, result + ".bytes", result + ".warnings", jars);
            } catch (RuntimeException e) {
                if (jars.isEmpty() || !String.valueOf(cause(e)).contains("upload resources")) {
                    throw e;
                }
                // the cluster takes no jars: the qube classes must then be on the members' class path
                skipped.clear();
                BuildJob.run(hz, paths, format == null ? null : format.id(), pieceLines, strict, readersPerMember,
                        result, result + ".bytes", result + ".warnings", List.of());
            }
            if (out.size() != 1) {
                throw new QubeBuildException("the build job of " + paths.size() + " file(s) finished with "
                        + out.size() + " results instead of one; not using it", null);
            }
            Qube built = Images.fromBytes(out.get(0), "the built qube");
            for (String w : ListingPieces.warnings(new ArrayList<>(skipped), paths)) {
                int colon = w.indexOf(": skipped ");
                String file = colon < 0 ? null : w.substring(0, colon);
                warnings.accept(file != null && given.containsKey(file) ? given.get(file) + w.substring(colon) : w);
            }
            return built;
        } catch (QubeBuildException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new QubeBuildException("the distributed build of " + describe(paths) + " failed: " + cause(e), e);
        } finally {
            poller.interrupt();
            try {
                read.destroy();
                out.destroy();
                skipped.destroy();
            } catch (RuntimeException ignored) {
                // the cluster may be gone; the list dies with it
            }
        }
    }

    private static String describe(List<String> paths) {
        return paths.size() == 1 ? paths.getFirst() : paths.size() + " files";
    }

    /** The innermost useful message of a job failure (Jet wraps the reader's error several times). */
    static String cause(Throwable e) {
        Throwable t = e;
        Throwable best = e;
        while (t != null) {
            if (t instanceof QubeFormatException || t instanceof java.io.IOException) {
                return t.getMessage();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        String m = best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** The jars holding the qube classes and backends, attached to jobs sent to a remote cluster. */
    private static List<URL> jars() {
        Set<String> seen = new TreeSet<>();
        List<URL> jars = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>(List.of(Qube.class, QubeCluster.class));
        ServiceLoader.load(dev.qube.spi.ArenaProvider.class).stream().forEach(p -> classes.add(p.type()));
        ServiceLoader.load(dev.qube.spi.ValueCodec.class).stream().forEach(p -> classes.add(p.type()));
        for (Class<?> c : classes) {
            var src = c.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null && src.getLocation().getPath().endsWith(".jar")
                    && seen.add(src.getLocation().toString())) {
                jars.add(src.getLocation());
            }
        }
        return jars;
    }

    // ---------------------------------------------------------------- serving

    private IMap<String, byte[]> catalogues() {
        return hz.getMap(CATALOGUES);
    }

    /** Stores {@code qube} under {@code name}, replacing what was there. */
    public void store(String name, Qube qube) {
        catalogues().set(name, Images.toBytes(qube));
    }

    /** A local copy of the qube stored under {@code name}. */
    public Optional<Qube> fetch(String name) {
        byte[] image = catalogues().get(name);
        return image == null ? Optional.empty() : Optional.of(Images.fromBytes(image, "the stored qube '" + name + "'"));
    }

    /** Removes the qube stored under {@code name}; whether there was one. */
    public boolean remove(String name) {
        return catalogues().remove(name) != null;
    }

    /** Names of the stored qubes, sorted. */
    public Set<String> names() {
        return new TreeSet<>(catalogues().keySet());
    }

    /** Exact identifier count of the named qube, computed on the member holding it. */
    public BigInteger count(String name) {
        return new BigInteger(required(name, catalogues().executeOnKey(name, new Ops.Count())));
    }

    /** Whether the named qube holds {@code identifier} ({@code k=v,k=v}), answered on the member holding it. */
    public boolean contains(String name, String identifier) {
        return required(name, catalogues().executeOnKey(name, new Ops.Contains(identifier)));
    }

    /** {@link #select(String, String, SelectMode)} in relaxed mode. */
    public Qube select(String name, String selection) {
        return select(name, selection, SelectMode.RELAXED);
    }

    /**
     * The identifiers of the named qube that {@code selection} ({@code k=v1/v2,k2=v3}, the text
     * form of {@link dev.qube.Selection#parse}) selects: selected on the member holding it, only
     * the result crosses the network.
     */
    public Qube select(String name, String selection, SelectMode mode) {
        dev.qube.Selection.parse(selection); // malformed text fails here, not on a member
        byte[] image = required(name, catalogues().executeOnKey(name, new Ops.Select(selection, mode)));
        return Images.fromBytes(image, "the selection of '" + name + "'");
    }

    /**
     * Adds identifiers to the named qube (creating it when absent) in one call: the union is
     * computed on the member holding the qube, atomically for that entry.
     *
     * @return the new exact identifier count
     */
    public BigInteger update(String name, Qube additions) {
        return new BigInteger(catalogues().executeOnKey(name, new Ops.Union(Images.toBytes(additions))));
    }

    /** {@link #update(String, Qube)} with identifiers in text form ({@code k=v,k=v}). */
    public BigInteger update(String name, Collection<String> identifiers) {
        try (Qube q = Qube.of(identifiers.toArray(String[]::new))) {
            return update(name, q);
        }
    }

    private static <T> T required(String name, T answer) {
        if (answer == null) {
            throw new java.util.NoSuchElementException("no qube named '" + name + "' in " + CATALOGUES);
        }
        return answer;
    }

    /** Shuts down the members or client this opened; an instance given to {@link #of} keeps running. */
    @Override
    public void close() {
        for (HazelcastInstance i : owned.reversed()) {
            try {
                i.shutdown();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
