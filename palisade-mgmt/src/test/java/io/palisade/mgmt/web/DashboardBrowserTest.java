package io.palisade.mgmt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.mgmt.testing.RunningNode;
import io.palisade.testkit.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard in Debian's headless Chromium: it shows the scripted HA state, follows a suspend within a second
 * through server-sent events, and asks for the key when none is given. Screenshots go to
 * {@code target/screenshots/}. Skipped (with the reason) when Chromium or its driver is missing.
 */
class DashboardBrowserTest {
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;

    RunningNode node;
    HeadlessChromium chromium;
    WebDriver browser;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.assumeInstalled();
    }

    @BeforeEach
    void start() throws Exception {
        node = RunningNode.start(dir.resolve("store"));
        chromium = HeadlessChromium.start(dir.resolve("chromium-profile"));
        browser = chromium.driver();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        node.close();
    }

    private String text(String id) {
        return chromium.text(id);
    }

    private void waitFor(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        chromium.waitFor(what, timeout, condition);
    }

    private void screenshot(String name) {
        chromium.screenshot(SCREENSHOTS, name);
    }

    @Test
    void haWidgetFollowsASuspendWithinASecond() throws Exception {
        browser.get(node.url() + "/?key=" + RunningNode.KEY);
        waitFor(
                "HA widget shows the scripted state",
                Duration.ofSeconds(15),
                () -> text("ha-local-state").equals("active"));
        waitFor("live event stream", Duration.ofSeconds(10), () -> text("live").equals("live"));
        assertThat(text("ha-peer-state")).isEqualTo("passive");
        assertThat(text("ha-local-priority")).isEqualTo("50");
        assertThat(text("ha-local-reason")).isEqualTo("Preempted by priority");
        assertThat(text("node-hostname")).isEqualTo("fw-a");
        assertThat(browser.findElements(By.cssSelector("#ha-links li"))).hasSize(5);
        waitFor(
                "sessions table",
                Duration.ofSeconds(10),
                () -> text("session-rows").contains("4101"));
        waitFor(
                "counters table",
                Duration.ofSeconds(10),
                () -> text("counter-rows").contains("pkt_recv"));
        waitFor(
                "commit history",
                Duration.ofSeconds(10),
                () -> text("history-rows").contains("boot"));
        assertThat(text("timeline")).contains("Preempted by priority");
        // The key left the address bar once stored for the tab.
        assertThat(browser.getCurrentUrl()).doesNotContain("key=");
        screenshot("dashboard-active");

        assertThat(node.send("POST", "/api/v1/ha/suspend", null, null).statusCode())
                .isEqualTo(200);
        long suspendedAt = System.nanoTime();
        waitFor(
                "state change shown within one second",
                Duration.ofSeconds(1),
                () -> text("ha-local-state").equals("suspended"));
        long shownAfterMs = (System.nanoTime() - suspendedAt) / 1_000_000;
        assertThat(shownAfterMs).isLessThanOrEqualTo(1000);
        waitFor(
                "reason and timeline follow",
                Duration.ofSeconds(5),
                () -> text("ha-local-reason").equals("User requested")
                        && text("timeline").contains("User requested"));
        assertThat(browser.findElement(By.id("ha-local-state")).getAttribute("class"))
                .contains("state-suspended");
        screenshot("dashboard-suspended");
    }

    @Test
    void linkFailureAndCommitAreShownLive() throws Exception {
        browser.get(node.url() + "/?key=" + RunningNode.KEY);
        waitFor(
                "HA widget",
                Duration.ofSeconds(15),
                () -> text("ha-local-state").equals("active"));
        node.ops.setLink("ha1-backup", "down");
        waitFor(
                "link pill turns down",
                Duration.ofSeconds(5),
                () -> browser.findElement(By.cssSelector("#ha-links li[data-link='ha1-backup']"))
                        .getText()
                        .endsWith("down"));
        node.ops.setCandidateValue("session.timeouts.tcp", "1800");
        node.ops.commit("shorter tcp timeout", "api");
        waitFor(
                "commit history updates",
                Duration.ofSeconds(5),
                () -> text("history-rows").contains("shorter tcp timeout"));
        assertThat(text("running-config")).contains("tcp: 1800");
        screenshot("dashboard-link-down");
    }

    @Test
    void asksForTheKeyAndRefusesAWrongOne() throws Exception {
        browser.get(node.url() + "/");
        waitFor(
                "key dialog",
                Duration.ofSeconds(10),
                () -> browser.findElement(By.id("key-dialog")).isDisplayed());
        browser.findElement(By.id("key-input")).sendKeys("wrong-key-123456");
        browser.findElement(By.cssSelector("#key-form button")).click();
        waitFor(
                "refused",
                Duration.ofSeconds(10),
                () -> browser.findElement(By.id("key-error")).isDisplayed());
        assertThat(text("key-error")).contains("refused");
        screenshot("dashboard-key-refused");
        browser.findElement(By.id("key-input")).clear();
        browser.findElement(By.id("key-input")).sendKeys(RunningNode.KEY);
        browser.findElement(By.cssSelector("#key-form button")).click();
        waitFor(
                "connected",
                Duration.ofSeconds(15),
                () -> text("ha-local-state").equals("active"));
        assertThat(browser.findElement(By.id("key-dialog")).isDisplayed()).isFalse();
    }
}
