package intrinsics

import (
	"strings"
	"sync"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// currencyLayout is where a locale puts the currency symbol. x/text has no currency patterns, so the
// languages are listed here from CLDR's patterns ("#,##0.00 ¤" and "¤ #,##0.00").
type currencyLayout int

const (
	currencyPrefix      currencyLayout = iota // $1.00
	currencyPrefixSpace                       // € 1,00
	currencySuffix                            // 1,00 €
)

var currencySuffixLanguages = map[string]bool{
	"de": true, "fr": true, "es": true, "it": true, "ru": true, "pl": true, "cs": true, "sk": true, "sv": true,
	"nb": true, "no": true, "nn": true, "da": true, "fi": true, "hu": true, "ro": true, "bg": true, "hr": true,
	"sl": true, "sr": true, "uk": true, "el": true, "lt": true, "lv": true, "et": true, "vi": true, "be": true,
	"ca": true, "eu": true, "gl": true, "is": true, "mk": true, "sq": true, "az": true, "kk": true, "hy": true,
	"ka": true, "bs": true, "pt-PT": true,
}

var currencyPrefixSpaceLanguages = map[string]bool{"nl": true, "pt": true, "de-CH": true, "de-AT": true}

func currencyLayoutFor(locale string) currencyLayout {
	base, _ := splitUnicodeExtension(locale)
	lang, _, _ := strings.Cut(base, "-")
	for _, k := range []string{base, lang} {
		if currencyPrefixSpaceLanguages[k] {
			return currencyPrefixSpace
		}
		if currencySuffixLanguages[k] {
			return currencySuffix
		}
	}
	return currencyPrefix
}

var currencySymbolCache sync.Map // locale|code|narrow → symbol

// currencySymbol is the locale's symbol for a currency: node's own English table for English locales,
// x/text's CLDR symbols for the others, the code when neither knows it.
func currencySymbol(locale, code string, narrow bool) string {
	base, _ := splitUnicodeExtension(locale)
	if base == "en" || base == "en-US" {
		if s, ok := enCurrencySymbols[code]; ok {
			if narrow {
				return s[1]
			}
			return s[0]
		}
		return code
	}
	key := base + "|" + code
	if narrow {
		key += "|n"
	}
	if v, ok := currencySymbolCache.Load(key); ok {
		return v.(string)
	}
	sym := code
	if u, err := currency.ParseISO(code); err == nil {
		p := message.NewPrinter(language.Make(base))
		if narrow {
			sym = p.Sprint(currency.NarrowSymbol(u))
		} else {
			sym = p.Sprint(currency.Symbol(u))
		}
	}
	currencySymbolCache.Store(key, sym)
	return sym
}

// currencySignAfterSymbol reports the locales whose negative currency pattern is "¤ -#,##0.00".
func currencySignAfterSymbol(locale string) bool {
	base, _ := splitUnicodeExtension(locale)
	lang, _, _ := strings.Cut(base, "-")
	return lang == "nl"
}
