package dev.tcccbridge.reconcile;

import dev.tcccbridge.tcccapi.TcccApiException;

/** Where CDRs are asked for: the TCCC API's DescribeTelCdr ({@link TcccTelCdrApi}), or a test's stand-in. */
@FunctionalInterface
public interface TelCdrSource {

    /** One page ({@code PageNumber} from 0) of the window's CDRs. */
    TelCdrPage page(CdrWindow window, int pageNumber, int pageSize) throws TcccApiException;
}
