package io.kustos.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kustos.live.FingerprintKey;
import io.kustos.live.LiveStateReader;
import io.kustos.apply.ServerSideApplier;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.agent.Agent;
import io.kustos.diff.Differ;
import io.kustos.plan.Planner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The objects Kustos would apply for a kustos.yaml, as one multi-document YAML stream for
 * {@code kubectl apply --server-side -f -}: exactly the bodies Kustos sends (ConfigMaps, Secrets and
 * the workload patches). Held in memory and piped; the decrypted Secrets never touch a file.
 */
final class RenderedManifests {
    private RenderedManifests() {
    }

    static byte[] yaml(Path kustosYaml, Path kubeconfig) {
        KustosConfig cfg = ConfigLoader.load(kustosYaml);
        var mapper = new YAMLMapper();
        var out = new ByteArrayOutputStream();
        try (var clients = new ClusterClients(kubeconfig, null)) {
            var agent = new Agent(cfg, clients);
            var polled = agent.sources().poll();
            var renderer = agent.renderer();
            for (var t : cfg.targets()) {
                var desired = renderer.render(polled.config().snapshot(), polled.releases().snapshot(), t);
                var client = clients.forTarget(t);
                // the namespace's fingerprint key, as Kustos's own first apply makes it: a workload using a Secret gets a
                // keyed config hash (never an unkeyed one), so kubectl applies the bodies Kustos sends
                var live = FingerprintKey.ensure(client, desired, new LiveStateReader(client).read(desired).state());
                var plan = new Planner().plan(new Differ(false, false).diff(desired, live));
                for (var c : plan.configs()) {
                    out.writeBytes(mapper.writeValueAsBytes(ServerSideApplier.body(c, plan.revisions())));
                }
                for (var w : plan.workloads()) {
                    out.writeBytes(mapper.writeValueAsBytes(ServerSideApplier.body(w, plan.revisions())));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifests: " + e.getOriginalMessage(), null);
        }
        return out.toByteArray();
    }

    static int documents(byte[] yaml) {
        int n = 0;
        for (String line : new String(yaml, StandardCharsets.UTF_8).split("\n")) {
            n += line.equals("---") ? 1 : 0;
        }
        return n;
    }
}
