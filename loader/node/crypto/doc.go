// Package crypto is Node's crypto builtin for pkgbox: crypto.js gives the module Node's API and
// errors, and Binding gives it Go's hashes, HMAC, ciphers, key derivation and randomness.
//
// What is built: createHash/Hash (with copy and XOF output lengths), createHmac/Hmac, hash(),
// getHashes, randomBytes/randomFill(Sync)/randomInt/randomUUID/getRandomValues, timingSafeEqual,
// pbkdf2, scrypt, hkdf, createCipheriv/createDecipheriv for AES in CBC, ECB, CTR, CFB, OFB and GCM,
// getCiphers/getCipherInfo, createSecretKey/KeyObject for secret keys, generateKey(Sync) for hmac
// and aes, webcrypto.getRandomValues/randomUUID and subtle.digest, constants.
//
// Everything else (sign/verify, public-key crypto, Diffie-Hellman, ECDH, primes, X509Certificate,
// the other subtle methods) throws ERR_FEATURE_NOT_AVAILABLE_ON_PLATFORM naming the function.
package crypto
