package dev.reproject.orderhistory.view;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordsTest {

    @Test
    void restaurantAndDishNamesLowerCasedAndSplitIntoWords() {
        assertThat(Keywords.of(List.of("Ajanta", "Chicken Vindaloo"))).containsExactly("ajanta", "chicken", "vindaloo");
    }

    @Test
    void punctuationAndSpacesSplitAndDisappear() {
        assertThat(Keywords.of(List.of("Soupe à l'Oignon", "Fish & Chips!", "  tab\tnew\nline  ", "a-b_c.d,e")))
                .containsExactly("a", "b", "c", "chips", "d", "e", "fish", "l", "line", "new", "oignon", "soupe", "tab",
                        "à");
    }

    @Test
    void digitsBelongToWords() {
        assertThat(Keywords.of(List.of("7 Up", "Pizza 2Go", "Menu #12b", "3.50"))).containsExactly(
                "12b", "2go", "3", "50", "7", "menu", "pizza", "up");
    }

    @Test
    void nonAsciiLettersAreLetters() {
        assertThat(Keywords.of(List.of("Crème Brûlée", "Tortilla Española", "Ελληνική Σαλάτα", "寿司")))
                .containsExactlyInAnyOrder("crème", "brûlée", "tortilla", "española", "ελληνική", "σαλάτα", "寿司");
    }

    @Test
    void lettersOutsideTheBasicPlaneCountByCodePoint() {
        // DESERET CAPITAL LETTER LONG I, LONG E (U+10400, U+10401): surrogate pairs; lower case U+10428, U+10429
        assertThat(Keywords.of(List.of("\uD801\uDC00\uD801\uDC01 x"))).containsExactly("x", "\uD801\uDC28\uD801\uDC29");
    }

    @Test
    void lowerCasingIsLocaleFree() {
        // in a Turkish locale "I" would become a dotless "ı"
        assertThat(Keywords.of(List.of("INDIA IDLI"))).containsExactly("idli", "india");
    }

    @Test
    void duplicatesCollapseAcrossTextsAndCase() {
        assertThat(Keywords.of(List.of("Chicken Teriyaki", "Korean Fried CHICKEN", "chicken chicken")))
                .containsExactly("chicken", "fried", "korean", "teriyaki");
    }

    @Test
    void noLetterOrDigitGivesNoWords() {
        assertThat(Keywords.of(List.of("", " ", "—&—", "!?"))).isEmpty();
        assertThat(Keywords.of(List.of())).isEmpty();
    }
}
