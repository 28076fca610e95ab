package io.kustos.decrypt.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered mapping, the tree node sops calls a TreeBranch. Keys are {@link String}s or
 * {@link Comment}s (a comment line has a null value). Values are {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code byte[]}, {@link Comment}, {@code Branch},
 * {@code List<Object>} or null. Mutable: walking the tree replaces values in place.
 */
public final class Branch {
    /** One key and its value. */
    public static final class Entry {
        private final Object key;
        private Object value;

        public Entry(Object key, Object value) {
            this.key = key;
            this.value = value;
        }

        public Object key() {
            return key;
        }

        public Object value() {
            return value;
        }

        public void value(Object v) {
            this.value = v;
        }

        @Override
        public String toString() {
            return key instanceof String s ? "Entry[" + s + "]" : "Entry[comment]";
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public List<Entry> entries() {
        return entries;
    }

    public Branch put(Object key, Object value) {
        entries.add(new Entry(key, value));
        return this;
    }

    /** The value of the first entry named {@code key}, or null. */
    public Object get(String key) {
        for (Entry e : entries) {
            if (key.equals(e.key())) {
                return e.value();
            }
        }
        return null;
    }

    public boolean has(String key) {
        return entries.stream().anyMatch(e -> key.equals(e.key()));
    }

    /** Removes every entry named {@code key}. */
    public void remove(String key) {
        entries.removeIf(e -> key.equals(e.key()));
    }

    @Override
    public String toString() {
        return "Branch[" + entries.size() + " entries]";
    }
}
