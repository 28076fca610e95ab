package io.kustos.decrypt.sops;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Walks documents as sops does (keys in order, list elements under their parent's path, comments
 * tracked for the comment rules) and encrypts or decrypts every selected value in place, computing
 * the MAC: SHA-512 over the plaintext of every value (or, with {@code mac_only_encrypted}, of the
 * encrypted ones after a fixed prefix), as upper-case hex.
 */
public final class TreeCrypt {
    /** sha256("sops"): starts the hash when only encrypted values count. */
    private static final byte[] MAC_ONLY_ENCRYPTED_INIT = HexFormat.of()
            .parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private final SelectionRules rules;
    private final ValueCipher cipher;
    private final byte[] dataKey;
    private final String file;

    public TreeCrypt(SelectionRules rules, ValueCipher cipher, byte[] dataKey, String file) {
        this.rules = rules;
        this.cipher = cipher;
        this.dataKey = dataKey;
        this.file = file;
    }

    /**
     * A walk without a data key: {@link #decrypt} then checks every selected value's format and puts
     * a stand-in of its type in its place (see {@link ValueCipher#placeholder}); the MAC it returns
     * means nothing.
     */
    public static TreeCrypt withoutKey(SelectionRules rules, ValueCipher cipher, String file) {
        return new TreeCrypt(rules, cipher, null, file);
    }

    /** Decrypts in place; returns the MAC of the plaintext. */
    public String decrypt(List<Branch> documents) {
        return walkAll(documents, false);
    }

    /** Encrypts in place; returns the MAC of the plaintext. */
    public String encrypt(List<Branch> documents) {
        return walkAll(documents, true);
    }

    private String walkAll(List<Branch> documents, boolean encrypting) {
        MessageDigest hash = sha512();
        if (rules.macOnlyEncrypted()) {
            hash.update(MAC_ONLY_ENCRYPTED_INIT);
        }
        var walk = new Walk(hash, encrypting);
        for (Branch b : documents) {
            walk.branch(b, List.of(), new ArrayList<>());
        }
        return HexFormat.of().withUpperCase().formatHex(hash.digest());
    }

    private final class Walk {
        private final MessageDigest hash;
        private final boolean encrypting;

        Walk(MessageDigest hash, boolean encrypting) {
            this.hash = hash;
            this.encrypting = encrypting;
        }

        void branch(Branch in, List<String> path, List<List<String>> stack) {
            List<List<String>> here = push(stack);
            List<String> active = here.get(here.size() - 1);
            for (int i = 0; i < in.entries().size(); i++) {
                Branch.Entry e = in.entries().get(i);
                if (e.key() instanceof Comment c) {
                    active.add(c.value());
                    Object out = leaf(c, path, here);
                    in.entries().set(i, new Branch.Entry(asComment(out, c.inline()), null));
                    continue;
                }
                boolean valueIsComment = e.value() instanceof Comment;
                if (valueIsComment) {
                    active.add(((Comment) e.value()).value());
                }
                e.value(value(e.value(), append(path, (String) e.key()), here));
                if (!valueIsComment) {
                    active.clear();
                }
            }
        }

        private void list(List<Object> in, List<String> path, List<List<String>> stack) {
            List<List<String>> here = push(stack);
            List<String> active = here.get(here.size() - 1);
            for (int i = 0; i < in.size(); i++) {
                Object v = in.get(i);
                boolean isComment = v instanceof Comment;
                if (isComment) {
                    active.add(((Comment) v).value());
                }
                Object out = value(v, path, here);
                in.set(i, isComment ? asComment(out, ((Comment) v).inline()) : out);
                if (!isComment) {
                    active.clear();
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Object value(Object v, List<String> path, List<List<String>> stack) {
            if (v instanceof Branch b) {
                branch(b, path, stack);
                return b;
            }
            if (v instanceof List<?> l) {
                list((List<Object>) l, path, stack);
                return l;
            }
            if (v == null) {
                return null;
            }
            return leaf(v, path, stack);
        }

        private Object leaf(Object in, List<String> path, List<List<String>> stack) {
            boolean isComment = in instanceof Comment;
            boolean encrypted = rules.encrypts(path, stack, isComment);
            String aad = String.join(":", path) + ":";
            String where = String.join(":", path);
            Object plain = in;
            Object out = in;
            if (encrypted) {
                if (encrypting) {
                    out = cipher.encrypt(in, dataKey, aad);
                } else if (isComment) {
                    String text = ((Comment) in).value();
                    // as sops: a comment that is not a sops value was never encrypted
                    plain = decryptComment((Comment) in, aad);
                    out = plain;
                } else if (in instanceof String s) {
                    plain = dataKey == null ? cipher.placeholder(s, file, where) : cipher.decrypt(s, dataKey, aad, file, where);
                    out = plain;
                } else {
                    throw new SopsException(file, where, SopsException.Kind.FORMAT,
                            "expected an encrypted value (a string), found a " + PlainValues.typeOf(in));
                }
            }
            if ((!rules.macOnlyEncrypted() || encrypted) && !isComment) {
                hash.update(PlainValues.toBytes(plain));
            }
            return out;
        }
    }

    /** As sops: a comment that does not decrypt is taken to have been left in clear text (comments are not in the MAC). */
    private Object decryptComment(Comment c, String aad) {
        if (dataKey == null || !ValueCipher.looksEncrypted(c.value())) {
            return c;
        }
        try {
            return cipher.decrypt(c.value(), dataKey, aad, file, "");
        } catch (SopsException e) {
            return c;
        }
    }

    private static Comment asComment(Object out, boolean inline) {
        if (out instanceof Comment c) {
            return new Comment(c.value(), inline);
        }
        return new Comment((String) out, inline);
    }

    private static List<List<String>> push(List<List<String>> stack) {
        List<List<String>> here = new ArrayList<>(stack);
        here.add(new ArrayList<>());
        return here;
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
