# clipvault's messages in English: the fallback and the reference for every other language.
# Each message id is used in the code through fl!("id", ...); { $name } is a placeable that the
# program fills in. Translations keep the same ids and the same placeables.

## Answers

# Words that mean "yes" to a y/N question, separated by spaces ("y" and "yes" always work).
answer-yes = y yes
