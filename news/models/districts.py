"""Surin's districts, a fixed list: stories and local-wisdom holders name one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    """Surin's 17 districts; the value is the stable slug."""

    MUEANG_SURIN = "mueang-surin", _("Mueang Surin")
    CHUMPHON_BURI = "chumphon-buri", _("Chumphon Buri")
    THA_TUM = "tha-tum", _("Tha Tum")
    CHOM_PHRA = "chom-phra", _("Chom Phra")
    PRASAT = "prasat", _("Prasat")
    KAP_CHOENG = "kap-choeng", _("Kap Choeng")
    RATTANABURI = "rattanaburi", _("Rattanaburi")
    SANOM = "sanom", _("Sanom")
    SIKHORAPHUM = "sikhoraphum", _("Sikhoraphum")
    SANGKHA = "sangkha", _("Sangkha")
    LAMDUAN = "lamduan", _("Lamduan")
    SAMRONG_THAP = "samrong-thap", _("Samrong Thap")
    BUACHET = "buachet", _("Buachet")
    PHANOM_DONG_RAK = "phanom-dong-rak", _("Phanom Dong Rak")
    SI_NARONG = "si-narong", _("Si Narong")
    KHWAO_SINARIN = "khwao-sinarin", _("Khwao Sinarin")
    NON_NARAI = "non-narai", _("Non Narai")
