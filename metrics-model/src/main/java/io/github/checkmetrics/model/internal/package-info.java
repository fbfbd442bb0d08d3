/**
 * Rules that every checkmetrics module shares, owned once here: how a value is quoted in an error
 * message ({@link io.github.checkmetrics.model.internal.Messages}) and the set-once policy of
 * builder options ({@link io.github.checkmetrics.model.internal.SetOnce}).
 *
 * <p><b>Not API.</b> The classes are public only so that the other checkmetrics modules can use
 * them; they may change or go in any release, and they are left out of the javadoc.
 */
package io.github.checkmetrics.model.internal;
