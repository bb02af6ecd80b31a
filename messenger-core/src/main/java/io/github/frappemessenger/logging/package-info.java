/** Logging helpers: {@link io.github.frappemessenger.logging.LogSafe} escapes values from outside before they are logged. */
package io.github.frappemessenger.logging;
