package dev.reproject.core.item;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Update}s in a compact binary form, to move them between the stages of a Spark
 * job several times faster than JSON. Internal to a run: never stored, so it has no version.
 */
public final class UpdateBinary {

    private static final byte S = 1;
    private static final byte N = 2;
    private static final byte BOOL = 3;
    private static final byte NULL = 4;
    private static final byte L = 5;
    private static final byte M = 6;
    private static final byte SS = 7;
    private static final byte NS = 8;

    private static final byte SET = 1;
    private static final byte SET_IF_NOT_EXISTS = 2;
    private static final byte ADD = 3;
    private static final byte DELETE = 4;
    private static final byte REMOVE = 5;
    private static final byte LIST_APPEND = 6;

    private UpdateBinary() {
    }

    public static byte[] write(Update update) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeAttributes(out, update.key());
            writeString(out, update.marker().attribute());
            writeString(out, update.marker().eventId());
            out.writeInt(update.actions().size());
            for (Action action : update.actions()) {
                writeAction(out, action);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no I/O: an in-memory stream
        }
        return bytes.toByteArray();
    }

    public static Update readUpdate(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            SortedMap<String, AttrValue> key = readAttributes(in);
            Marker marker = new Marker(readString(in), readString(in));
            int count = in.readInt();
            List<Action> actions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                actions.add(readAction(in));
            }
            return new Update(key, actions, marker);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an update in UpdateBinary form", e);
        }
    }

    private static void writeAction(DataOutputStream out, Action action) throws IOException {
        if (action instanceof Action.Remove) {
            out.writeByte(REMOVE);
            writeString(out, action.attribute());
            return;
        }
        byte op;
        AttrValue value;
        if (action instanceof Action.Set a) {
            op = SET;
            value = a.value();
        } else if (action instanceof Action.SetIfNotExists a) {
            op = SET_IF_NOT_EXISTS;
            value = a.value();
        } else if (action instanceof Action.Add a) {
            op = ADD;
            value = a.value();
        } else if (action instanceof Action.Delete a) {
            op = DELETE;
            value = a.value();
        } else {
            op = LIST_APPEND;
            value = ((Action.ListAppend) action).value();
        }
        out.writeByte(op);
        writeString(out, action.attribute());
        writeValue(out, value);
        if (action instanceof Action.ListAppend a) {
            out.writeBoolean(a.ifNotExists());
        }
    }

    private static Action readAction(DataInputStream in) throws IOException {
        byte op = in.readByte();
        String attribute = readString(in);
        return switch (op) {
            case SET -> new Action.Set(attribute, readValue(in));
            case SET_IF_NOT_EXISTS -> new Action.SetIfNotExists(attribute, readValue(in));
            case ADD -> new Action.Add(attribute, readValue(in));
            case DELETE -> new Action.Delete(attribute, readValue(in));
            case REMOVE -> new Action.Remove(attribute);
            case LIST_APPEND -> new Action.ListAppend(attribute, readValue(in), in.readBoolean());
            default -> throw new IOException("unknown action " + op);
        };
    }

    private static void writeAttributes(DataOutputStream out, Map<String, AttrValue> attributes) throws IOException {
        out.writeInt(attributes.size());
        for (Map.Entry<String, AttrValue> e : attributes.entrySet()) {
            writeString(out, e.getKey());
            writeValue(out, e.getValue());
        }
    }

    private static SortedMap<String, AttrValue> readAttributes(DataInputStream in) throws IOException {
        int count = in.readInt();
        SortedMap<String, AttrValue> attributes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put(readString(in), readValue(in));
        }
        return attributes;
    }

    private static void writeValue(DataOutputStream out, AttrValue value) throws IOException {
        if (value instanceof AttrValue.S s) {
            out.writeByte(S);
            writeString(out, s.value());
        } else if (value instanceof AttrValue.N n) {
            out.writeByte(N);
            writeString(out, n.text());
        } else if (value instanceof AttrValue.Bool b) {
            out.writeByte(BOOL);
            out.writeBoolean(b.value());
        } else if (value instanceof AttrValue.Null) {
            out.writeByte(NULL);
        } else if (value instanceof AttrValue.L l) {
            out.writeByte(L);
            out.writeInt(l.values().size());
            for (AttrValue element : l.values()) {
                writeValue(out, element);
            }
        } else if (value instanceof AttrValue.M m) {
            out.writeByte(M);
            writeAttributes(out, m.values());
        } else if (value instanceof AttrValue.SS ss) {
            out.writeByte(SS);
            out.writeInt(ss.values().size());
            for (String element : ss.values()) {
                writeString(out, element);
            }
        } else {
            AttrValue.NS ns = (AttrValue.NS) value;
            out.writeByte(NS);
            out.writeInt(ns.values().size());
            for (BigDecimal element : ns.values()) {
                writeString(out, element.toPlainString());
            }
        }
    }

    private static AttrValue readValue(DataInputStream in) throws IOException {
        byte type = in.readByte();
        switch (type) {
            case S:
                return new AttrValue.S(readString(in));
            case N:
                return new AttrValue.N(new BigDecimal(readString(in)));
            case BOOL:
                return new AttrValue.Bool(in.readBoolean());
            case NULL:
                return new AttrValue.Null();
            case L: {
                int count = in.readInt();
                List<AttrValue> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    elements.add(readValue(in));
                }
                return new AttrValue.L(elements);
            }
            case M:
                return new AttrValue.M(readAttributes(in));
            case SS: {
                int count = in.readInt();
                TreeSet<String> elements = new TreeSet<>();
                for (int i = 0; i < count; i++) {
                    elements.add(readString(in));
                }
                return new AttrValue.SS(elements);
            }
            case NS: {
                int count = in.readInt();
                TreeSet<BigDecimal> elements = new TreeSet<>();
                for (int i = 0; i < count; i++) {
                    elements.add(new BigDecimal(readString(in)));
                }
                return new AttrValue.NS(elements);
            }
            default:
                throw new IOException("unknown value type " + type);
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
