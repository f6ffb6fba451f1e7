// The tip form's rules, checked in the reader's browser before anything is sent (docs/tips.md):
// a refusal from the server costs a reader on mobile data the upload and the photos they chose,
// which no browser puts back into the form. The rules and their messages come from the form's
// data-* attributes (tips.forms.TipForm.browser_checks); the server still checks them all.
(function () {
  "use strict";
  var form = document.querySelector("form.tip-form[data-max-photos]");
  if (!form) {
    return;
  }
  var rules = form.dataset;
  var photos = form.elements.photos;
  var consentContact = form.elements.consent_contact;
  var senderName = form.elements.sender_name;

  function filled(name) {
    var field = form.elements[name];
    return Boolean(field && field.value.trim());
  }

  function photoProblem() {
    var files = photos.files || [];
    if (files.length > Number(rules.maxPhotos)) {
      return rules.tooManyPhotos;
    }
    for (var i = 0; i < files.length; i += 1) {
      if (files[i].size > Number(rules.maxPhotoBytes)) {
        return rules.photoTooBig.replace("%(name)s", files[i].name);
      }
    }
    return "";
  }

  function consentProblem() {
    var hasContact = filled("contact_phone") || filled("contact_line") || filled("contact_email");
    if (hasContact && !consentContact.checked) {
      return rules.needsContactConsent;
    }
    if (consentContact.checked && !hasContact) {
      return rules.needsContact;
    }
    return "";
  }

  function check() {
    photos.setCustomValidity(photoProblem());
    consentContact.setCustomValidity(consentProblem());
    var credited = form.elements.consent_credit.checked;
    senderName.setCustomValidity(credited && !filled("sender_name") ? rules.needsName : "");
  }

  form.addEventListener("input", check);
  form.addEventListener("change", check);
  form.addEventListener("submit", function (event) {
    check();
    if (!form.checkValidity()) {
      event.preventDefault();
      form.reportValidity();
    }
  });
})();
