# syntax=docker/dockerfile:1
# Kustos image: `kustos run` as a non-root user. Nothing secret is in the image: kustos.yaml,
# keys and git credentials are mounted (deploy/: ConfigMap at /etc/kustos/config, Secret at
# /etc/kustos/keys). Build: docker build -t kustos .

# --- build: the shaded jar, target/kustos.jar (pom.xml finalName) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -q -B dependency:go-offline
COPY src/ src/
COPY config-repo-example/ config-repo-example/
RUN mvn -q -B -DskipTests package

# --- run: a JRE only ---
FROM eclipse-temurin:17-jre
# git is not needed (JGit); the cache dir is the only writable path besides /tmp
RUN groupadd --system --gid 10001 kustos \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin kustos \
 && mkdir -p /opt/kustos /etc/kustos/config /etc/kustos/keys /var/cache/kustos \
 && chown 10001:10001 /var/cache/kustos
COPY --from=build /src/target/kustos.jar /opt/kustos/kustos.jar
# A class-data archive (README "Start-up"): the classes a `kustos validate` of the example loads (kustos.yaml,
# rendering, YAML, SOPS, logging), parsed and verified once here and mapped by every start. Trained without a
# cluster, so the daemon's client and Camel classes load as before. If it cannot be made, the image has none
# (the JVM then starts without it, as it does with a stale one): it only costs speed.
# The example is mounted for this step only: no layer of the image holds it.
RUN --mount=type=bind,from=build,source=/src/config-repo-example,target=/tmp/kustos-training \
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:cds*=off -XX:ArchiveClassesAtExit=/opt/kustos/kustos.jsa \
      -jar /opt/kustos/kustos.jar validate -c /tmp/kustos-training/kustos.yaml /tmp/kustos-training/config /tmp/kustos-training/releases >/dev/null \
    || rm -f /opt/kustos/kustos.jsa
USER 10001:10001
WORKDIR /var/cache/kustos
EXPOSE 8080
# The same JVM flags and malloc arenas as the ./kustos launcher (small heap share, serial GC; docs/benchmarks.md,
# "Daemon memory"), after the class-data archive, then the launcher's three for `kustos run` (young generation 6 MiB, 10% of the heap kept free, fewer
# methods compiled).
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/kustos/kustos.jsa", "-Xlog:cds*=off", "-XX:+UseSerialGC", "-Xms32m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:MaxRAMPercentage=50", "-XX:MaxNewSize=12m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1", "-Dio.netty.allocator.maxOrder=8", "-XX:MaxNewSize=6m", "-XX:MaxHeapFreeRatio=10", "-XX:CompileThresholdScaling=4", "-jar", "/opt/kustos/kustos.jar", "run"]
CMD ["--config", "/etc/kustos/config/kustos.yaml"]
