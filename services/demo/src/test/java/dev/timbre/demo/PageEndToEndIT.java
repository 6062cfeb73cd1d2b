package dev.timbre.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.demo.catalog.TaggedFiles;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page as a listener meets it, in headless Chromium against the running system, on songs whose titles and
 * artists come from their own tags: a song plays (the audio element's currentTime advances), its spectrogram loads
 * (200, image/png) next to its genre bars, "more like this" lists songs, a like changes the visible list within 2 s
 * without a reload and without polling (the list is pushed over server-sent events), and errors are shown. Leaves a
 * screenshot in target/page.png (the README's is taken this way).
 */
@ExtendWith(KafkaPlatformExtension.class)
class PageEndToEndIT {
    private WebDriver browser;

    @TempDir
    Path dir;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.open("--autoplay-policy=no-user-gesture-required", "--mute-audio", "--window-size=1400,1000");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void playSeeMoreLikeThisAndALikeUpdatesTheListLive() throws Exception {
        RunningSystem system = RunningSystem.get();
        String[][] songs = {
                {"blues", "Rain on Beale Street", "Muddy Tester", "Delta Tapes"},
                {"blues", "Crossroads at Noon", "Muddy Tester", "Delta Tapes"},
                {"classical", "Nocturne in Test Minor", "Clara Fixture", "Night Pieces"},
                {"classical", "Allegro for Strings", "The Unit Quartet", "Night Pieces"},
                {"metal", "Iron Assertion", "Stack Overflow", "Heavy Builds"},
                {"metal", "Thunder Regression", "Stack Overflow", "Heavy Builds"}};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < songs.length; i++) {
            Path file = TaggedFiles.taggedWav(dir.resolve(i + ".wav"), songs[i][0], 700 + i, 9.0, songs[i][1], songs[i][2], songs[i][3]);
            ids.add(system.ingest.uploadSong(system.keys.of("admin"), "track" + i + ".wav", Files.readAllBytes(file),
                    null, null, null).orThrow("upload").path("songId").asText());
        }
        system.session().awaitFinalStages(ids, Duration.ofMinutes(5));

        String user = "bob";
        browser.get(system.pipeline.service("ingest").baseUrl() + "/?key=" + system.keys.of(user) + "&user=" + user);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        String first = ids.get(0);
        By firstRow = By.cssSelector("tr[data-song-id='" + first + "']");
        WebElement row = wait.until(b -> b.findElements(firstRow).isEmpty() ? null : b.findElement(firstRow));
        assertTrue(row.getText().contains("Rain on Beale Street") && row.getText().contains("Muddy Tester"),
                "title and artist from the file's tags: " + row.getText());
        wait.until(b -> !b.findElements(By.cssSelector("#recommendations li")).isEmpty());

        // play: the audio element is fed by ingest (Range requests, media token) and its clock moves
        row.findElement(By.cssSelector("button[data-action='play']")).click();
        wait.until(b -> ((Number) js.executeScript("return document.getElementById('player').currentTime")).doubleValue() > 0.5);
        assertEquals("", browser.findElement(By.id("errors")).getText(), "no error while playing");

        // the spectrogram: the image loads, and its URL answers 200 with a PNG
        wait.until(b -> (Boolean) js.executeScript(
                "const i = document.getElementById('spectrogram'); return i.complete && i.naturalWidth > 0"));
        String answer = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('spectrogram').src).then(r => done(r.status + ' ' + r.headers.get('content-type')))"
                        + ".catch(e => done('failed ' + e));");
        assertEquals("200 image/png", answer);
        assertEquals(256L, js.executeScript("return document.getElementById('spectrogram').naturalHeight"));
        // the model's genre probabilities as bars: one per genre of the served model
        assertEquals(RunningSystem.MODEL_GENRES.size(), browser.findElements(By.cssSelector("#genres .bar")).size());

        // more like this: the other songs, nearest first, same genre first
        wait.until(b -> b.findElements(By.cssSelector("#similar li[data-song-id]")).size() >= 3);
        List<WebElement> similar = browser.findElements(By.cssSelector("#similar li[data-song-id]"));
        assertTrue(similar.stream().noneMatch(li -> first.equals(li.getAttribute("data-song-id"))), "never the song itself");
        assertTrue(similar.get(0).getText().contains("sounds like Rain on Beale Street"), similar.get(0).getText());

        // a like changes the visible list within 2 s, pushed over SSE: no reload, no polling of the list
        js.executeScript("window.__sameDocument = 'yes'");
        String before = browser.findElement(By.id("listInfo")).getAttribute("data-triggered-by");
        String liked = ids.get(4);
        long clicked = System.nanoTime();
        browser.findElement(By.cssSelector("tr[data-song-id='" + liked + "'] button[data-action='liked']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(2)).until(b -> {
            String now = b.findElement(By.id("listInfo")).getAttribute("data-triggered-by");
            return now != null && !now.isBlank() && !now.equals(before);
        });
        long ms = (System.nanoTime() - clicked) / 1_000_000;
        System.out.println("[page-e2e] the list changed " + ms + " ms after the like");
        assertEquals("yes", js.executeScript("return window.__sameDocument"), "no reload");
        assertEquals(0L, js.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => /\\/recommendations(\\?|$)/.test(e.name)).length"), "the list is never polled");
        List<WebElement> items = browser.findElements(By.cssSelector("#recommendations li"));
        assertTrue(items.stream().noneMatch(li -> liked.equals(li.getAttribute("data-song-id"))), "the liked song is not recommended back");

        // tidy screenshot for the README: details of a song, its neighbours, the live list
        browser.manage().window().setSize(new Dimension(1400, 1250));
        js.executeScript("window.scrollTo(0, 0)");
        Path shot = Path.of("target/page.png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[page-e2e] screenshot: " + shot.toAbsolutePath());
    }

    @Test
    void errorsAreShownNotSwallowed() {
        RunningSystem system = RunningSystem.get();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // erin's key on bob's list: the stream is refused (403) and the page says so
        browser.get(system.pipeline.service("ingest").baseUrl() + "/?key=" + system.keys.of("erin") + "&user=bob");
        wait.until(b -> b.findElement(By.id("errors")).getText().contains("refused"));
        // a key that is not valid
        browser.get(system.pipeline.service("ingest").baseUrl() + "/?key=not-a-key&user=bob");
        wait.until(b -> b.findElement(By.id("errors")).getText().contains("not valid"));
    }
}
