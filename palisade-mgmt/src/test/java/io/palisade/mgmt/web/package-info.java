/** Dashboard tests in real headless Chromium. */
package io.palisade.mgmt.web;
