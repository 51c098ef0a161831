interface AdapterTexts {
  readonly apology: string;
  readonly unknown: string;
}

/** The few sentences the adapter says itself (the core says everything else). */
const TEXTS: Readonly<Record<"en" | "fr", AdapterTexts>> = {
  en: {
    apology: "Sorry, something went wrong on our side. Please try again in a moment.",
    unknown:
      "I don't know that command any more; it may take a minute for Discord to show the new ones.",
  },
  fr: {
    apology: "Désolé, un problème est survenu de notre côté. Réessayez dans un instant.",
    unknown:
      "Je ne connais plus cette commande ; Discord peut mettre une minute à afficher les nouvelles.",
  },
};

/** The adapter's sentences in the user's Discord language (`fr`, `fr-FR` → French; else English). */
export function texts(locale: string | undefined): AdapterTexts {
  return locale?.toLowerCase().startsWith("fr") ? TEXTS.fr : TEXTS.en;
}
