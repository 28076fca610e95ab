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
