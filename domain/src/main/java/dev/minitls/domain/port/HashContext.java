package dev.minitls.domain.port;

/** An incremental hash whose digest can be read at any point without ending it (a transcript needs that). */
public interface HashContext {

    void update(byte[] data);

    /** The digest of everything given so far; the context goes on accepting input afterwards. */
    byte[] digestSoFar();
}
