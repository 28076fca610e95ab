package io.kustos.config;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

import java.util.List;

/**
 * kustos.yaml cannot be used as it is: a person must fix it. The message holds one problem a line,
 * each starting with the file name and, where there is one, the full path of the field, e.g.
 * {@code kustos.yaml: sync.interval: "5 minutes" is not a duration (use e.g. 30s, 5m, 1h30m)}.
 */
public final class ConfigException extends StallingException {
    private final String file;
    private final List<String> problems;

    public ConfigException(String file, List<String> problems) {
        this(file, problems, null);
    }

    public ConfigException(String file, List<String> problems, Throwable cause) {
        super(format(file, problems), FailureReason.INVALID_CONFIG, cause);
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    static ConfigException of(String file, String problem) {
        return new ConfigException(file, List.of(problem));
    }

    static ConfigException of(String file, String problem, Throwable cause) {
        return new ConfigException(file, List.of(problem), cause);
    }

    /** The file as it was named to the loader. */
    public String file() {
        return file;
    }

    /** Each problem without the file name, e.g. {@code sync.interval: "5 minutes" is not a duration (...)}. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String file, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        StringBuilder message = new StringBuilder();
        for (String problem : problems) {
            if (message.length() > 0) {
                message.append('\n');
            }
            message.append(file).append(": ").append(problem);
        }
        return message.toString();
    }
}
