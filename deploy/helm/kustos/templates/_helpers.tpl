{{- define "kustos.labels" -}}
app.kubernetes.io/name: kustos
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "kustos.selector" -}}
app.kubernetes.io/name: kustos
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- /* The Secret mounted at /etc/kustos/keys: the chart's own when keys.files are given, else keys.existingSecret. */ -}}
{{- define "kustos.keysSecret" -}}
{{- if .Values.keys.files -}}{{ .Release.Name }}-keys{{- else -}}{{ required "keys.existingSecret: name the Secret with Kustos's keys (kubectl create secret generic kustos-keys --from-file=...), or give keys.files" .Values.keys.existingSecret }}{{- end -}}
{{- end -}}

{{- /* leaderElection or sharding, as kustos.yaml says it (from .Values.leaderElection and .Values.sharding). */ -}}
{{- define "kustos.coordination" -}}
{{- if and .Values.sharding.enabled .Values.leaderElection.enabled -}}
{{- fail "sharding.enabled and leaderElection.enabled: choose one (sharding for several replicas that share the environments, leaderElection for one that reconciles everything); set leaderElection.enabled=false" -}}
{{- end -}}
{{- if regexMatch "(?m)^(leaderElection|sharding)\\s*:" .Values.config -}}
{{- fail "config: remove leaderElection and sharding from the kustos.yaml in config; set the values leaderElection.* and sharding.* instead (the chart renders them)" -}}
{{- end -}}
{{- if .Values.sharding.enabled -}}
{{- $s := .Values.sharding -}}
sharding: { enabled: true
{{- with $s.namespace }}, namespace: {{ . }}{{ end }}
{{- with $s.leaseDuration }}, leaseDuration: {{ . }}{{ end }}
{{- with $s.renewDeadline }}, renewDeadline: {{ . }}{{ end }}
{{- with $s.retryPeriod }}, retryPeriod: {{ . }}{{ end }} }
{{- else -}}
leaderElection: { enabled: {{ .Values.leaderElection.enabled }} }
{{- end -}}
{{- end -}}

{{- /* The namespace of the sharding Leases: sharding.namespace, else the release's (where the pods run). */ -}}
{{- define "kustos.shardingNamespace" -}}
{{- default .Release.Namespace .Values.sharding.namespace -}}
{{- end -}}
