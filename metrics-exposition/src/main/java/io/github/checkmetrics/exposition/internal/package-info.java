/**
 * What the Jakarta and the javax Servlet adapters share, owned once here: the handler of a servlet
 * declared in {@code web.xml}, the check of its mappings and the path of a request within the web
 * application.
 *
 * <p><b>Not API.</b> The classes are public only so that the adapter modules can use them; they may
 * change or go in any release, and they are left out of the javadoc.
 */
package io.github.checkmetrics.exposition.internal;
