package dev.switchboard.health;

/** One cheap read of the table; throws when the table does not answer. */
@FunctionalInterface
public interface TableProbe {

    void read();
}
