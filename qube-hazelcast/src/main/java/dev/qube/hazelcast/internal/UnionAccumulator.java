package dev.qube.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.qube.Qube;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The accumulator of the distributed union: the qubes of the pieces seen so far, folded into one
 * by a many-way union every {@link #FOLD} pieces (a many-way union is much cheaper than as many
 * two-way ones). Crosses the network as the binary image of its union ({@link Serializer}).
 */
public final class UnionAccumulator {

    static final int FOLD = 16;

    private final List<Qube> pending = new ArrayList<>();

    /** Adds one piece's qube. */
    public UnionAccumulator add(Qube q) {
        pending.add(q);
        if (pending.size() >= FOLD) {
            fold();
        }
        return this;
    }

    /** Adds everything another accumulator holds. */
    public UnionAccumulator addAll(UnionAccumulator other) {
        for (Qube q : other.pending) {
            add(q);
        }
        return this;
    }

    /** The union of all qubes added (the empty qube when none). */
    public Qube union() {
        fold();
        return pending.isEmpty() ? Qube.empty() : pending.getFirst();
    }

    /** The binary image of {@link #union()}: the job's result. */
    public byte[] image() {
        return Images.toBytes(union());
    }

    private void fold() {
        if (pending.size() > 1) {
            Qube u = Qube.union(pending);
            for (Qube q : pending) {
                if (q != u) {
                    q.close();
                }
            }
            pending.clear();
            pending.add(u);
        }
    }

    /** Hazelcast serializer: the binary image of the union so far. */
    public static final class Serializer implements StreamSerializer<UnionAccumulator> {

        public Serializer() {
        }

        @Override
        public void write(ObjectDataOutput out, UnionAccumulator acc) throws IOException {
            out.writeByteArray(acc.image());
        }

        @Override
        public UnionAccumulator read(ObjectDataInput in) throws IOException {
            UnionAccumulator acc = new UnionAccumulator();
            acc.pending.add(Images.fromBytes(in.readByteArray(), "a partial union received from the cluster"));
            return acc;
        }

        @Override
        public int getTypeId() {
            return QubeSerializer.TYPE_ID + 1;
        }
    }
}
