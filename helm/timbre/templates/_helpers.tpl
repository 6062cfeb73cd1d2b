{{/* Chart name, truncated to the 63-character DNS label limit. */}}
{{- define "timbre.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-based name prefix of every resource. */}}
{{- define "timbre.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "timbre.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "timbre.labels" -}}
helm.sh/chart: {{ include "timbre.chart" . }}
app.kubernetes.io/name: {{ include "timbre.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: timbre
{{- end }}

{{/*
Per-service helpers take a dict: root (the top-level context), svc (the service's values), component (its
kebab-case name, e.g. "feature-extraction").
*/}}
{{- define "timbre.componentName" -}}
{{- printf "%s-%s" (include "timbre.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "timbre.componentLabels" -}}
{{ include "timbre.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "timbre.selectorLabels" -}}
app.kubernetes.io/name: {{ include "timbre.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "timbre.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "timbre.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: [registry/]repository:tag. "gpu" in the dict selects the GPU tag of classification. */}}
{{- define "timbre.image" -}}
{{- $root := .root -}}
{{- $tag := default (default $root.Chart.AppVersion $root.Values.image.tag) .svc.image.tag }}
{{- if .gpu }}
{{- $tag = default (printf "%s-gpu" $tag) .svc.gpu.imageTag }}
{{- end }}
{{- if $root.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $root.Values.image.registry) .svc.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .svc.image.repository $tag }}
{{- end }}
{{- end }}

{{- define "timbre.kafkaConfigName" -}}
{{- printf "%s-kafka" (include "timbre.fullname" .) }}
{{- end }}

{{- define "timbre.saslEnabled" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{/* Secret holding the SASL JAAS config: the user's existingSecret or the chart-managed one. */}}
{{- define "timbre.kafkaSecretName" -}}
{{- default (printf "%s-kafka-sasl" (include "timbre.fullname" .)) .Values.kafka.sasl.existingSecret }}
{{- end }}

{{- define "timbre.registrySecretName" -}}
{{- default (printf "%s-registry-auth" (include "timbre.fullname" .)) .Values.schemaRegistry.basicAuth.existingSecret }}
{{- end }}

{{- define "timbre.ingestApiKeysSecretName" -}}
{{- default (printf "%s-ingest-api-keys" (include "timbre.fullname" .)) .Values.ingest.apiKeys.existingSecret }}
{{- end }}

{{- define "timbre.blobClaimName" -}}
{{- default (printf "%s-blobs" (include "timbre.fullname" .)) .Values.blobStore.persistence.existingClaim }}
{{- end }}

{{/* Pod annotations that roll the pods when shared configuration or credentials change. */}}
{{- define "timbre.configChecksums" -}}
checksum/kafka-config: {{ include (print .Template.BasePath "/kafka-configmap.yaml") . | sha256sum }}
checksum/credentials: {{ include (print .Template.BasePath "/credentials-secret.yaml") . | sha256sum }}
{{- end }}

{{/*
Environment common to every service container (names follow Micronaut's env-var to property mapping,
e.g. KAFKA_SASL_JAAS_CONFIG -> kafka.sasl.jaas.config). Shared Kafka settings come from the ConfigMap via envFrom.
*/}}
{{- define "timbre.commonEnv" -}}
{{- $root := .root -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: MICRONAUT_SERVER_PORT
  value: {{ .svc.port | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "%s -Djava.io.tmpdir=/tmp" (.svc.javaOpts | default "") | trim | quote }}
- name: HOME
  value: /tmp
{{- if include "timbre.saslEnabled" $root }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ include "timbre.kafkaSecretName" $root }}
      key: {{ $root.Values.kafka.sasl.existingSecretKey }}
{{- end }}
{{- if $root.Values.schemaRegistry.basicAuth.enabled }}
- name: SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO
  valueFrom:
    secretKeyRef:
      name: {{ include "timbre.registrySecretName" $root }}
      key: {{ $root.Values.schemaRegistry.basicAuth.existingSecretKey }}
{{- end }}
{{- end }}

{{/* Environment of ingest and feature-extraction: the blob store holding the uploaded audio (timbre-blob). */}}
{{- define "timbre.blobEnv" -}}
{{- $b := .Values.blobStore }}
- name: TIMBRE_BLOB_STORE
  value: {{ $b.type | quote }}
{{- if eq $b.type "s3" }}
- name: TIMBRE_BLOB_S3_BUCKET
  value: {{ required "blobStore.s3.bucket is required with blobStore.type=s3" $b.s3.bucket | quote }}
- name: TIMBRE_BLOB_S3_PREFIX
  value: {{ $b.s3.prefix | quote }}
- name: TIMBRE_BLOB_S3_REGION
  value: {{ $b.s3.region | quote }}
{{- with $b.s3.endpoint }}
- name: TIMBRE_BLOB_S3_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: TIMBRE_BLOB_S3_PATH_STYLE
  value: {{ $b.s3.pathStyle | quote }}
- name: TIMBRE_BLOB_S3_PART_SIZE_MIB
  value: {{ $b.s3.partSizeMib | quote }}
- name: TIMBRE_BLOB_S3_MAX_ATTEMPTS
  value: {{ $b.s3.maxAttempts | quote }}
{{- with $b.s3.credentials.existingSecret }}
- name: TIMBRE_BLOB_S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $b.s3.credentials.accessKeyIdKey }}
- name: TIMBRE_BLOB_S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $b.s3.credentials.secretAccessKeyKey }}
{{- end }}
{{- else }}
- name: TIMBRE_BLOB_ROOT
  value: {{ $b.mountPath | quote }}
{{- end }}
{{- end }}

{{/* User-supplied env last (global, then per service), so it can override anything above. */}}
{{- define "timbre.extraEnv" -}}
{{- concat (.root.Values.extraEnv | default list) (.svc.extraEnv | default list) | toYaml }}
{{- end }}

{{- define "timbre.probes" -}}
livenessProbe:
  httpGet:
    path: /health/liveness
    port: http
  initialDelaySeconds: {{ .svc.probes.liveness.initialDelaySeconds }}
  periodSeconds: {{ .svc.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .svc.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .svc.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /health/readiness
    port: http
  initialDelaySeconds: {{ .svc.probes.readiness.initialDelaySeconds }}
  periodSeconds: {{ .svc.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .svc.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .svc.probes.readiness.failureThreshold }}
{{- end }}

{{/* Pod-level settings shared by the Deployments and the StatefulSet. */}}
{{- define "timbre.podCommon" -}}
{{- $root := .root -}}
serviceAccountName: {{ include "timbre.serviceAccountName" $root }}
automountServiceAccountToken: false
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/* The writable /tmp every container gets (the root filesystem is read-only). Takes root and svc. */}}
{{- define "timbre.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .svc.tmpSizeLimit | default .root.Values.tmpSizeLimit }}
{{- end }}

{{/* The stateless services (Deployment + HPA): values key and component name. Used as (... | fromYaml).services */}}
{{- define "timbre.statelessServices" -}}
services:
  - key: ingest
    component: ingest
  - key: featureExtraction
    component: feature-extraction
  - key: classification
    component: classification
{{- end }}

{{/* Secret holding the service-to-service tokens: the user's existingSecret or the chart-managed one. */}}
{{- define "timbre.serviceAuthSecretName" -}}
{{- default (printf "%s-service-auth" (include "timbre.fullname" .)) .Values.serviceAuth.existingSecret }}
{{- end }}

{{/* The service tokens for ingest (presents the first) and recommendation (accepts all). */}}
{{- define "timbre.serviceAuthEnv" -}}
- name: TIMBRE_SERVICE_AUTH_TOKENS
  valueFrom:
    secretKeyRef:
      name: {{ include "timbre.serviceAuthSecretName" . }}
      key: {{ .Values.serviceAuth.existingSecretKey }}
{{- end }}

{{/* Selector of every pod of the release (default deny, common egress). */}}
{{- define "timbre.releaseSelector" -}}
app.kubernetes.io/name: {{ include "timbre.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Egress rule to a network blob store (takes .Values.networkPolicy); nothing when it has no ports. */}}
{{- define "timbre.blobEgress" -}}
{{- if .egress.blobStore.ports }}
- {{- with .egress.blobStore.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  ports:
    {{- range .egress.blobStore.ports }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
{{- end }}
{{- end }}
