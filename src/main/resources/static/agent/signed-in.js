// The sign-in window opened by sign-in.html: its work is done once it gets here (signed in).
if (window.opener) {
  window.close();
}
