/** Debian's headless Chromium driven through chromedriver, for the dashboard tests. */
package io.palisade.testkit.browser;
