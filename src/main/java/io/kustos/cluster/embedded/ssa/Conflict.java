package io.kustos.cluster.embedded.ssa;

import io.kustos.cluster.embedded.ApiError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A field an apply wants to change that another manager owns. */
record Conflict(ManagedField owner, FieldPath path) {

    /** The 409 the real API server answers, with one cause per field. */
    static ApiError toError(List<Conflict> unsorted) {
        List<Conflict> conflicts = new ArrayList<>(unsorted);
        conflicts.sort(java.util.Comparator.comparing((Conflict c) -> c.path().toString()));
        List<ApiError.Cause> causes = new ArrayList<>();
        for (Conflict c : conflicts) {
            causes.add(new ApiError.Cause("FieldManagerConflict", "conflict with " + c.owner().describe(),
                    c.path().toString()));
        }
        String message;
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            message = "Apply failed with 1 conflict: conflict with " + c.owner().describe() + ": " + c.path();
        } else {
            Map<String, List<String>> byManager = new TreeMap<>();
            for (Conflict c : conflicts) {
                byManager.computeIfAbsent(c.owner().describe(), k -> new ArrayList<>()).add(c.path().toString());
            }
            List<String> lines = new ArrayList<>();
            new LinkedHashMap<>(byManager).forEach((manager, paths) -> {
                lines.add("conflicts with " + manager + ":");
                paths.forEach(p -> lines.add("- " + p));
            });
            message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
        return new ApiError(409, "Conflict", message, null, null, causes);
    }
}
