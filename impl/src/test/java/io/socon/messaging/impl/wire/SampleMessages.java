package io.socon.messaging.impl.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds deterministic, fully populated instances of any generated message: every scalar set to a
 * distinct non-default value, every repeated and map field given two entries, nested messages filled
 * down to a fixed depth, and one member of each oneof chosen by {@code variant}. Field values vary with a
 * running seed so that a swapped field number shows up as different bytes.
 */
final class SampleMessages {

    private static final int MAX_DEPTH = 4;

    private final int variant;
    private final boolean skipFieldsDeclaredOutOfNumberOrder;
    private int seed;

    /**
     * @param variant which member of each oneof to set (taken modulo the oneof's size)
     * @param skipFieldsDeclaredOutOfNumberOrder leave out fields declared before a field with a smaller
     *     number; encoders that write in declaration order (ts-proto) and those that write in number order
     *     (protobuf-java, prost) disagree on where those go, though both are valid protobuf
     */
    SampleMessages(int variant, boolean skipFieldsDeclaredOutOfNumberOrder) {
        this.variant = variant;
        this.skipFieldsDeclaredOutOfNumberOrder = skipFieldsDeclaredOutOfNumberOrder;
    }

    /** The generated default instance of a message type, found through its Java class. */
    static Message defaultInstance(Descriptor type) {
        try {
            Class<?> generated = Class.forName(javaClassName(type));
            return (Message) generated.getMethod("getDefaultInstance").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no generated class for " + type.getFullName(), e);
        }
    }

    private static String javaClassName(Descriptor type) {
        StringBuilder nested = new StringBuilder(type.getName());
        for (Descriptor outer = type.getContainingType(); outer != null; outer = outer.getContainingType()) {
            nested.insert(0, outer.getName() + "$");
        }
        return type.getFile().getOptions().getJavaPackage() + "." + nested;
    }

    /** How many variants it takes to set every member of every oneof reachable from {@code type}. */
    static int variantsNeeded(Descriptor type) {
        return variantsNeeded(type, 0, new HashSet<>());
    }

    private static int variantsNeeded(Descriptor type, int depth, Set<String> seen) {
        if (depth > MAX_DEPTH || !seen.add(type.getFullName())) {
            return 1;
        }
        int needed = 1;
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            needed = Math.max(needed, oneof.getFieldCount());
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                needed = Math.max(needed, variantsNeeded(field.getMessageType(), depth + 1, seen));
            }
        }
        return needed;
    }

    /** True if {@code field} is declared before a field with a smaller number. */
    static boolean isOutOfNumberOrder(FieldDescriptor field) {
        List<FieldDescriptor> fields = field.getContainingType().getFields();
        for (int i = field.getIndex() + 1; i < fields.size(); i++) {
            if (fields.get(i).getNumber() < field.getNumber()) {
                return true;
            }
        }
        return false;
    }

    Message fill(Message prototype) {
        return fill(prototype.newBuilderForType(), 0).build();
    }

    private Message.Builder fill(Message.Builder builder, int depth) {
        Descriptor type = builder.getDescriptorForType();
        for (FieldDescriptor field : type.getFields()) {
            if (skipFieldsDeclaredOutOfNumberOrder && isOutOfNumberOrder(field)) {
                continue;
            }
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null && oneof.getField(variant % oneof.getFieldCount()) != field) {
                continue;
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= MAX_DEPTH) {
                continue;
            }
            if (field.isMapField()) {
                for (int i = 0; i < 2; i++) {
                    builder.addRepeatedField(field, fill(builder.newBuilderForField(field), depth + 1).build());
                }
            } else if (field.isRepeated()) {
                for (int i = 0; i < 2; i++) {
                    builder.addRepeatedField(field, value(builder, field, depth));
                }
            } else {
                builder.setField(field, value(builder, field, depth));
            }
        }
        return builder;
    }

    private Object value(Message.Builder parent, FieldDescriptor field, int depth) {
        int n = ++seed;
        return switch (field.getJavaType()) {
            case INT -> 100 + n;
            case LONG -> 1_700_000_000_000_000_000L + n;
            case FLOAT -> 1.5f + n;
            case DOUBLE -> 2.25d + n;
            case BOOLEAN -> true;
            case STRING -> field.getName() + "-" + n + "-é";
            case BYTE_STRING -> ByteString.copyFrom(new byte[] {(byte) n, (byte) 0xff, 0, (byte) (n * 7)});
            case ENUM -> enumValue(field, n);
            case MESSAGE -> fill(parent.newBuilderForField(field), depth + 1).build();
        };
    }

    private static EnumValueDescriptor enumValue(FieldDescriptor field, int n) {
        List<EnumValueDescriptor> nonZero = field.getEnumType().getValues().stream()
                .filter(v -> v.getNumber() != 0)
                .toList();
        return nonZero.isEmpty() ? field.getEnumType().getValues().get(0) : nonZero.get(n % nonZero.size());
    }
}
