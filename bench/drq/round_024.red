;redcode-94
;name offline r24 s103
;author drq offline generator
;strategy new paper + imp
;header
        SPL.B  $12, $0
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }-1144
        MOV.I  }-1, >-1
        SPL.B  @0, >2129
        MOV.I  }-1, >-1
        MOV.I  $3, }1445
        MOV.I  {-3, <1
        JMP.B  @0, >-3473
        DAT.F  <2667, <-2667
;block imp 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $2, $0
        JMP.B  @0, $3
        ADD.AB #889, $-1
        DAT.F  #0, #0
        MOV.I  #0, $889
        end     0
