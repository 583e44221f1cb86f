package dev.tcccbridge.inbox;

/** This instance's name in the inbox's claimed_by column: host, process and a random part. */
public record DeliveryWorker(String id) {
}
