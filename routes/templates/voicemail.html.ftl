<#ftl output_format="HTML" encoding="UTF-8">
<#-- The HTML part of the voicemail mail. Everything is HTML-escaped (output_format above).
     The model is "body", a dev.tcccbridge.mail.VoicemailMail; see docs/CONFIGURATION.md. -->
<#assign mail = body>
<!DOCTYPE html>
<html>
<head><meta charset="UTF-8"><title>${mail.subject}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #222;">
<h2 style="font-size: 18px;">Voicemail from ${mail.caller.international}</h2>
<table cellpadding="4" style="border-collapse: collapse;">
  <tr><th align="left">Caller</th><td>${mail.caller.international}<#if mail.caller.valid> (national: ${mail.caller.national})</#if></td></tr>
  <tr><th align="left">Left at</th><td><#if mail.receivedAt?has_content>${mail.receivedAt} (${mail.timeZone})<#else>unknown</#if></td></tr>
<#if mail.customer??>
  <tr><th align="left">CRM ${mail.customer.objectType!"record"}</th><td><#if mail.customer.recordUrl?has_content><a href="${mail.customer.recordUrl}">${mail.customer.name!mail.customer.id}</a><#else>${mail.customer.name!mail.customer.id}</#if></td></tr>
<#else>
  <tr><th align="left">CRM</th><td>no Contact or Lead has this number</td></tr>
</#if>
  <tr><th align="left">Session</th><td>${mail.sessionId}</td></tr>
</table>
<p>
<#if mail.recordingUrl??>
  <a href="${mail.recordingUrl}">Listen to the recording</a>
<#else>
  TCCC sent no link to the recording.
</#if>
<#if mail.audio.attached>
  (also attached: ${mail.audio.fileName})
</#if>
</p>
<#if mail.audio.note?has_content>
<p style="color: #666;">${mail.audio.note}</p>
</#if>
<p style="color: #888; font-size: 12px;">Sent by tccc-bridge for Tencent Cloud Contact Center.</p>
</body>
</html>
