// Package policy decides every capability use: the capability table (which Node API needs which
// capability, and which argument is its resource), resource normalisation, the Rego evaluation
// with its decision cache, the denial error text and the decision report.
package policy
