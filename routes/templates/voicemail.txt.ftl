<#ftl encoding="UTF-8">
<#-- The plain-text part of the voicemail mail. The model is "body", a
     dev.tcccbridge.mail.VoicemailMail; see docs/CONFIGURATION.md. -->
<#assign mail = body>
Voicemail from ${mail.caller.international}

Caller:   ${mail.caller.international}<#if mail.caller.valid> (national: ${mail.caller.national})</#if>
Left at:  <#if mail.receivedAt?has_content>${mail.receivedAt} (${mail.timeZone})<#else>unknown</#if>
<#if mail.customer??>
CRM:      ${mail.customer.objectType!"record"} ${mail.customer.name!mail.customer.id}<#if mail.customer.recordUrl?has_content> - ${mail.customer.recordUrl}</#if>
<#else>
CRM:      no Contact or Lead has this number
</#if>
Session:  ${mail.sessionId}

<#if mail.recordingUrl??>
Recording: ${mail.recordingUrl}
<#else>
TCCC sent no link to the recording.
</#if>
<#if mail.audio.attached>
The recording is attached: ${mail.audio.fileName}
</#if>
<#if mail.audio.note?has_content>
${mail.audio.note}
</#if>

-- 
Sent by tccc-bridge for Tencent Cloud Contact Center.
