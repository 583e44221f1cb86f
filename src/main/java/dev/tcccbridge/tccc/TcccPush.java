package dev.tcccbridge.tccc;

/** What every TCCC data push carries. */
public sealed interface TcccPush permits Cdr, Recording, Voicemail {

    Long sdkAppId();

    String sessionId();

    PushAction action();
}
