package io.kustos.decrypt.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sops's flat form of the metadata for dotenv and INI: {@code pgp__list_0__map_fp} stands for
 * {@code pgp[0].fp}.
 */
final class Flattening {
    private static final String MAP = "__map_";
    private static final String LIST = "__list_";

    private Flattening() {
    }

    /** Flat keys and their text, sorted by key as sops writes them. */
    static Map<String, String> flatten(Branch b) {
        Map<String, String> out = new TreeMap<>();
        for (Branch.Entry e : b.entries()) {
            if (e.key() instanceof String k) {
                add(out, k, e.value());
            }
        }
        return out;
    }

    private static void add(Map<String, String> out, String prefix, Object v) {
        if (v instanceof Branch b) {
            for (Branch.Entry e : b.entries()) {
                if (e.key() instanceof String k) {
                    add(out, prefix + MAP + k, e.value());
                }
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                add(out, prefix + LIST + i, l.get(i));
            }
        } else if (v != null) {
            out.put(prefix, MetadataCodec.scalar(v));
        }
    }

    /** Rebuilds the nested block from flat keys (values stay text). */
    static Branch unflatten(Map<String, String> flat) {
        Branch root = new Branch();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            place(root, tokens(e.getKey()), 0, e.getValue());
        }
        return root;
    }

    private static List<Object> tokens(String key) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int start = 0;
        boolean list = false;
        int skip = 0;
        while (i <= key.length()) {
            boolean atMap = key.startsWith(MAP, i);
            boolean atList = key.startsWith(LIST, i);
            if (i == key.length() || atMap || atList) {
                String part = key.substring(start + skip, i);
                out.add(list ? (Object) Integer.parseInt(part) : part);
                if (i == key.length()) {
                    break;
                }
                list = atList;
                skip = atList ? LIST.length() : MAP.length();
                start = i;
                i += skip;
            } else {
                i++;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object place(Object node, List<Object> path, int at, String value) {
        Object token = path.get(at);
        boolean last = at == path.size() - 1;
        if (token instanceof Integer idx) {
            List<Object> l = node instanceof List<?> ? (List<Object>) node : new ArrayList<>();
            while (l.size() <= idx) {
                l.add(null);
            }
            l.set(idx, last ? value : place(l.get(idx) == null ? next(path, at) : l.get(idx), path, at + 1, value));
            return l;
        }
        Branch b = node instanceof Branch ? (Branch) node : new Branch();
        String k = (String) token;
        Object existing = b.get(k);
        Object v = last ? value : place(existing == null ? next(path, at) : existing, path, at + 1, value);
        if (existing == null) {
            b.put(k, v);
        }
        return b;
    }

    private static Object next(List<Object> path, int at) {
        return path.get(at + 1) instanceof Integer ? new ArrayList<>() : new Branch();
    }
}
