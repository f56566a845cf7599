package io.trailhawk.job.detect;

import io.trailhawk.stateful.GroupKey;
import java.io.IOException;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's type for {@link GroupKey}, the key of {@code detect stateful}: its bytes, length first, written in one
 * piece. Every state access on RocksDB, every checkpoint and every timer writes a key, so this is on the hot path.
 */
public final class GroupKeyType extends TypeInformation<GroupKey> {
    private static final long serialVersionUID = 1L;
    public static final GroupKeyType INSTANCE = new GroupKeyType();

    private GroupKeyType() {
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<GroupKey> getTypeClass() {
        return GroupKey.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<GroupKey> createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<GroupKey> createSerializer(ExecutionConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "GroupKey";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKeyType;
    }

    @Override
    public int hashCode() {
        return GroupKeyType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof GroupKeyType;
    }

    /** Its length as an int, then its bytes. */
    public static final class Serializer extends TypeSerializerSingleton<GroupKey> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public GroupKey createInstance() {
            return GroupKey.fromBytes(new byte[8]);
        }

        @Override
        public GroupKey copy(GroupKey from) {
            return from;
        }

        @Override
        public GroupKey copy(GroupKey from, GroupKey reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(GroupKey key, DataOutputView out) throws IOException {
            byte[] b = key.toBytes();
            out.writeInt(b.length);
            out.write(b);
        }

        @Override
        public GroupKey deserialize(DataInputView in) throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return GroupKey.fromBytes(b);
        }

        @Override
        public GroupKey deserialize(GroupKey reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            int n = in.readInt();
            out.writeInt(n);
            out.write(in, n);
        }

        @Override
        public TypeSerializerSnapshot<GroupKey> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer has no configuration: a snapshot names it, at version 1. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupKey> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
