import type { english } from './messages/en'

/** A language's messages for one namespace: exactly the English keys, each an ICU message with the same arguments. */
export type Translation<English> = { readonly [Key in keyof English]: string }

/** A whole language: every namespace of the English catalogue. */
export type Catalog = { readonly [Namespace in keyof typeof english]: Translation<(typeof english)[Namespace]> }

/** "namespace.key" for every English message: what `t` accepts, so a misspelt key fails to compile. */
export type MessageKey = {
  [Namespace in keyof typeof english]: `${Namespace}.${Extract<keyof (typeof english)[Namespace], string>}`
}[keyof typeof english]
