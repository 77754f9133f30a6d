const STORAGE_KEY = 'loupe.accessToken'

/**
 * The Node host prints a link carrying its access token in the fragment (`#token=…`). The token is kept in
 * sessionStorage so a reload still works, and removed from the address bar so it is not bookmarked or shared by accident.
 */
export function takeAccessToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash)
    history.replaceState(history.state, '', location.pathname + location.search)
    return fromHash
  }
  return sessionStorage.getItem(STORAGE_KEY)
}
