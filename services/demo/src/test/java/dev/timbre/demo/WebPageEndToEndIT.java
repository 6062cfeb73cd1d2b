package dev.timbre.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web page in headless Chromium: it shows the catalog with predicted genres and a list that follows a like. */
@ExtendWith(KafkaPlatformExtension.class)
class WebPageEndToEndIT {
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pageShowsCatalogAndTheListFollowsALike() {
        RunningSystem system = RunningSystem.get();
        List<String> ids = new ArrayList<>();
        for (String genre : List.of("classical", "disco")) {
            for (int n = 0; n < 2; n++) {
                byte[] wav = WavWriter.toBytes(SyntheticGenres.render(genre, 900 + n, 6.0), SyntheticGenres.SAMPLE_RATE);
                ids.add(system.ingest.uploadSong(system.keys.of("admin"), genre + n + ".wav", wav,
                        "Web " + genre + " " + n, "Web", null).orThrow("upload").path("songId").asText());
            }
        }
        system.session().awaitFinalStages(ids, Duration.ofMinutes(5));

        String user = "erin";
        browser.get(system.pipeline.service("ingest").baseUrl() + "/?key=" + system.keys.of(user) + "&user=" + user);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        String liked = ids.get(0);
        By likedRow = By.cssSelector("tr[data-song-id='" + liked + "']");
        WebElement row = wait.until(b -> b.findElements(likedRow).isEmpty() ? null : b.findElement(likedRow));
        String predictedGenre = row.findElement(By.className("genre")).getText();
        assertFalse(predictedGenre.isBlank() || predictedGenre.equals("-"), "the catalog shows the predicted genre");

        String before = browser.findElement(By.id("listInfo")).getAttribute("data-triggered-by");
        row.findElement(By.cssSelector("button[data-action='liked']")).click();

        // the list is recomputed for the like, pushed to the page over server-sent events and rendered without a reload
        wait.until(b -> {
            String now = b.findElement(By.id("listInfo")).getAttribute("data-triggered-by");
            return now != null && !now.isBlank() && !now.equals(before)
                    && !b.findElements(By.cssSelector("#recommendations li")).isEmpty();
        });
        List<WebElement> items = browser.findElements(By.cssSelector("#recommendations li"));
        assertTrue(items.stream().noneMatch(li -> liked.equals(li.getAttribute("data-song-id"))),
                "the liked song is not recommended back");
        assertEquals(predictedGenre, items.get(0).getAttribute("data-genre"), "same genre first");
        assertTrue(items.get(0).findElement(By.className("reason")).getText().length() > 5, "items are explained");
    }
}
