{{- define "kustos.labels" -}}
app.kubernetes.io/name: kustos
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "kustos.selector" -}}
app.kubernetes.io/name: kustos
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kustos.keysSecret" -}}
{{- if .Values.keys.existingSecret -}}{{ .Values.keys.existingSecret }}{{- else -}}{{ .Release.Name }}-keys{{- end -}}
{{- end -}}
