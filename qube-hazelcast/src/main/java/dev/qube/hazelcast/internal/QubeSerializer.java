package dev.qube.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.qube.Qube;
import java.io.IOException;

/** Hazelcast serializer of a {@link Qube}: its binary image, registered with each job. */
public final class QubeSerializer implements StreamSerializer<Qube> {

    /** Hazelcast type id (any positive number unique among the job's serializers). */
    public static final int TYPE_ID = 0x5155_0001;

    public QubeSerializer() {
    }

    @Override
    public void write(ObjectDataOutput out, Qube q) throws IOException {
        out.writeByteArray(Images.toBytes(q));
    }

    @Override
    public Qube read(ObjectDataInput in) throws IOException {
        return Images.fromBytes(in.readByteArray(), "a qube received from the cluster");
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }
}
