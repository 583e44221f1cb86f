package dev.tcccbridge.download;

import java.net.UnknownHostException;

/**
 * A download the policy does not allow ({@link DownloadPolicy}): the reason names the rule and
 * the setting that decides it. Permanent: the same link is refused again on any retry. An
 * {@link UnknownHostException} so that the HTTP client, which asks the policy for a host's
 * addresses, gives up on the connection at once.
 */
public class DownloadRefused extends UnknownHostException {

    public DownloadRefused(String reason) {
        super(reason);
    }
}
