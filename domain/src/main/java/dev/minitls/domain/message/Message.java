package dev.minitls.domain.message;

/** Everything that travels between client and server, before encoding. */
public sealed interface Message
        permits Hello, CertificateMessage, CertificateVerify, Finished, ApplicationRecord, AlertMessage {

    MessageType type();
}
